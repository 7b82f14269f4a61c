package dev.tokengate.localgateway;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A function of the template as local-gateway runs it: its artifact, handler, limits and environment.
 *
 * @param name the logical ID, also used as the function name
 * @param codeUri the packaged artifact (a jar or zip) or a directory, resolved against the template's folder
 * @param handler {@code package.Class::method} or {@code package.Class}, checked by {@link #isJavaHandler}
 * @param environment the template's variables that have a local value
 * @param awsOnlyVariables variables left out because only AWS knows their value (a secret's ARN)
 */
record LambdaFunction(
    String name,
    Path codeUri,
    String handler,
    int memoryMb,
    int timeoutSeconds,
    Map<String, String> environment,
    List<String> awsOnlyVariables) {

  /** One Java identifier, ASCII only; a handler is such names joined by dots, then optionally {@code ::method}. */
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  /** @throws IllegalArgumentException when the handler is not a Java class name with an optional method */
  LambdaFunction {
    if (!isJavaHandler(handler)) {
      throw new IllegalArgumentException(name + ": Handler is not package.Class::method");
    }
    environment = Map.copyOf(environment);
    awsOnlyVariables = List.copyOf(awsOnlyVariables);
  }

  /**
   * Whether {@code handler} is a fully qualified Java class name with an optional {@code ::method}, in ASCII. The
   * handler becomes an argument of the child JVM's command line, so nothing else (no spaces, no leading dash, no
   * shell or path characters) gets that far. Checked segment by segment to stay linear in the input's length.
   */
  static boolean isJavaHandler(String handler) {
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
}
