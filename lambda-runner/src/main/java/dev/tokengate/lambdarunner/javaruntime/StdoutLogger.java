package dev.tokengate.lambdarunner.javaruntime;

import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The {@code Context}'s logger: each message goes to stdout as given, which the runtime client's text log format
 * does too (no JSON log format here). Stateless.
 */
final class StdoutLogger implements LambdaLogger {

  @Override
  public void log(String message) {
    System.out.print(message);
    System.out.flush();
  }

  @Override
  public void log(byte[] message) {
    System.out.write(message, 0, message.length);
    System.out.flush();
  }
}
