package dev.tokengate.cli;

/**
 * A key too short for HS256. token-cli exits with {@link ExitCodes#WEAK_KEY}; the message says how to get a
 * strong key and never contains the key.
 */
final class WeakKeyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  WeakKeyException(String message) {
    super(message);
  }
}
