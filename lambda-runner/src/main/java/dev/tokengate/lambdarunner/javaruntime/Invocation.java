package dev.tokengate.lambdarunner.javaruntime;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * One event as the Runtime API hands it out: the body of {@code invocation/next} and its headers. Immutable.
 *
 * @param requestId {@code Lambda-Runtime-Aws-Request-Id}
 * @param deadlineMillis {@code Lambda-Runtime-Deadline-Ms}: when the function times out, in epoch milliseconds
 * @param functionArn {@code Lambda-Runtime-Invoked-Function-Arn}
 * @param traceId {@code Lambda-Runtime-Trace-Id}, null when the API sent none
 * @param payload the event's bytes, copied in and out
 */
record Invocation(String requestId, long deadlineMillis, String functionArn, String traceId, byte[] payload) {

  Invocation {
    payload = payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** The event as the handler reads it. */
  InputStream event() {
    return new ByteArrayInputStream(payload);
  }
}
