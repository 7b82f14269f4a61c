package dev.tokengate.lambdarunner;

/** How one invocation of a function ended, as the Runtime API learned it. Immutable and thread-safe. */
public sealed interface InvocationResult {

  /** Lambda's error type when an invocation outlives the function's Timeout. */
  String TIMED_OUT = "Sandbox.Timedout";

  /** The function's response payload, as the runtime posted it; copied in and out so that it cannot change. */
  record Success(byte[] payload) implements InvocationResult {

    /** Copies {@code payload}. */
    public Success {
      payload = payload.clone();
    }

    /** A copy of the payload. */
    @Override
    public byte[] payload() {
      return payload.clone();
    }
  }

  /**
   * The function threw, timed out or its runtime died.
   *
   * @param errorType {@code errorType} of the runtime's error report, or Lambda's own ({@code Sandbox.Timedout},
   *     {@code Runtime.ExitError})
   * @param errorMessage {@code errorMessage} of the runtime's error report, or what happened to the runtime
   */
  record Failure(String errorType, String errorMessage) implements InvocationResult {

    /** Whether the invocation outlived the function's Timeout, or the caller's limit. */
    public boolean timedOut() {
      return TIMED_OUT.equals(errorType);
    }
  }
}
