package dev.tokengate.localgateway;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A function of the template as local-gateway runs it: its artifact, handler, limits and environment.
 *
 * @param name the logical ID, also used as the function name
 * @param codeUri the packaged artifact (a jar or zip) or a directory, resolved against the template's folder
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

  LambdaFunction {
    environment = Map.copyOf(environment);
    awsOnlyVariables = List.copyOf(awsOnlyVariables);
  }
}
