package dev.tokengate.lambdarunner;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the runner needs to know of a function to start it as Lambda would: its name, handler, memory, timeout
 * and environment. Immutable and thread-safe.
 *
 * @param name the function name, also its log prefix and the last part of its ARN
 * @param handler {@code package.Class::method} or {@code package.Class}, checked by {@link #isJavaHandler}
 * @param memoryMb Lambda's {@code MemorySize}, which sizes the JVM's heap, metaspace and code cache
 * @param timeoutSeconds Lambda's {@code Timeout}
 * @param environment the function's own variables; Lambda's reserved ones are set by the runner
 */
public record FunctionConfiguration(
    String name, String handler, int memoryMb, int timeoutSeconds, Map<String, String> environment) {

  /** The region every function runs in locally: its {@code AWS_REGION} and the region of its ARN. */
  public static final String REGION = "us-east-1";
  /** The account every function runs in locally, as in its ARN. */
  public static final String ACCOUNT = "123456789012";

  /** One Java identifier, ASCII only; a handler is such names joined by dots, then optionally {@code ::method}. */
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  /**
   * Checks the handler and copies the environment.
   *
   * @throws IllegalArgumentException when the handler is not a Java class name with an optional method
   */
  public FunctionConfiguration {
    if (!isJavaHandler(handler)) {
      throw new IllegalArgumentException(name + ": Handler is not package.Class::method");
    }
    environment = Map.copyOf(environment);
  }

  /**
   * Whether {@code handler} is a fully qualified Java class name with an optional {@code ::method}, in ASCII. The
   * handler becomes an argument of the child JVM's command line, so nothing else (no spaces, no leading dash, no
   * shell or path characters) gets that far. Checked segment by segment to stay linear in the input's length.
   */
  public static boolean isJavaHandler(String handler) {
    if (handler == null) {
      return false;
    }
    int separator = handler.indexOf("::");
    String className = separator < 0 ? handler : handler.substring(0, separator);
    if (separator >= 0 && !IDENTIFIER.matcher(handler.substring(separator + 2)).matches()) {
      return false;
    }
    for (String part : className.split("\\.", -1)) {
      if (!IDENTIFIER.matcher(part).matches()) {
        return false;
      }
    }
    return true;
  }

  /** The function's ARN in the local account, as the Runtime API reports it to the function. */
  public String arn() {
    return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name;
  }
}
