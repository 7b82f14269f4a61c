package dev.tokengate.localgateway;

/** local-gateway cannot start; the one-line message says why and how to fix it. */
final class StartupException extends Exception {

  private static final long serialVersionUID = 1L;

  StartupException(String message) {
    super(message);
  }
}
