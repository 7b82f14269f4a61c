package dev.tokengate.cli;

/**
 * Bad input that is not a command-line syntax error: an unreadable file, malformed JSON in a file, a malformed
 * token, no secret. The message is one line that says what was wrong and how to fix it; it never contains a
 * secret. token-cli exits with {@link ExitCodes#BAD_INPUT}.
 */
final class InputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  InputException(String message) {
    super(message);
  }

  InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
