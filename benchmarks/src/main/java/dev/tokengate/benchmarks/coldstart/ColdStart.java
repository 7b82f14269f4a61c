package dev.tokengate.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the Lambda Java runtime does on a cold start, and nothing more: load the handler class by name,
 * construct it, and hand it one event. The cold-start script runs it on a class path of the packaged artifact
 * plus this launcher and measures the whole process.
 *
 * <p>Usage: {@code java -cp authorizer.jar:launcher.jar dev.tokengate.benchmarks.coldstart.ColdStart HANDLER_CLASS
 * EVENT_FILE}. Prints what the handler wrote (the policy JSON) on stdout.
 */
public final class ColdStart {

  private ColdStart() {}

  /**
   * Runs one invocation.
   *
   * @param args the handler's class name and the event file
   * @throws Exception whatever loading or invoking the handler throws: the script reports a failed run
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: ColdStart HANDLER_CLASS EVENT_FILE");
      System.exit(2);
    }
    byte[] event = Files.readAllBytes(Path.of(args[1]));
    RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0])
        .getDeclaredConstructor()
        .newInstance();
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    // The authorizer ignores the Context; the runtime's own implementation is not on this class path.
    handler.handleRequest(new ByteArrayInputStream(event), response, null);
    System.out.write(response.toByteArray());
    System.out.println();
    System.out.flush();
  }
}
