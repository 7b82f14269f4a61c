package dev.tokengate.lambdarunner;

/** A function's JVM did not get ready: its init failed, it exited, or it took too long. */
public final class FunctionStartException extends Exception {

  private static final long serialVersionUID = 1L;

  FunctionStartException(String message) {
    super(message);
  }
}
