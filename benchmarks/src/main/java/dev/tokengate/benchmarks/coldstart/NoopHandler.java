package dev.tokengate.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The floor of the cold-start comparison: a handler that is loaded and invoked like the authorizer but does
 * nothing, so its time is the JVM's own start plus the launcher. Stateless and thread-safe.
 */
public final class NoopHandler implements RequestStreamHandler {

  /** Does nothing: the floor. */
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    // Intentionally empty.
  }
}
