package dev.tokengate.authorizer.secrets;

/**
 * The key could not be read from Secrets Manager, or what was read is not a usable key. The message is one line
 * for the log, saying what went wrong and, where it helps, how to fix it; it never contains the secret's value.
 */
final class SecretFetchException extends Exception {

  private static final long serialVersionUID = 1L;

  SecretFetchException(String message) {
    super(message);
  }
}
