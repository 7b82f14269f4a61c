package dev.tokengate.localgateway;

import dev.tokengate.lambdarunner.FunctionConfiguration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A function of the template as local-gateway runs it: its artifact, handler, limits and environment.
 *
 * @param name the logical ID, also used as the function name
 * @param codeUri the packaged artifact (a jar or zip) or a directory, resolved against the template's folder
 * @param handler {@code package.Class::method} or {@code package.Class}, checked by
 *     {@link FunctionConfiguration#isJavaHandler}
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

  /** @throws IllegalArgumentException when the handler is not a Java class name with an optional method */
  LambdaFunction {
    if (!FunctionConfiguration.isJavaHandler(handler)) {
      throw new IllegalArgumentException(name + ": Handler is not package.Class::method");
    }
    environment = Map.copyOf(environment);
    awsOnlyVariables = List.copyOf(awsOnlyVariables);
  }

  /** What lambda-runner needs to start this function. */
  FunctionConfiguration configuration() {
    return new FunctionConfiguration(name, handler, memoryMb, timeoutSeconds, environment);
  }
}
