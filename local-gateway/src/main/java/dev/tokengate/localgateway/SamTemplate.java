package dev.tokengate.localgateway;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What local-gateway serves from a SAM template: the routes, and the functions they and their authorizers need.
 *
 * @param functions only the functions that serve a route or authorize one, by logical ID
 */
record SamTemplate(List<Route> routes, Map<String, LambdaFunction> functions) {

  SamTemplate {
    routes = List.copyOf(routes);
    functions = Map.copyOf(functions);
  }

  /**
   * Reads a template.
   *
   * @param parameterOverrides values for the template's {@code Parameters}, which win over their defaults
   * @throws TemplateException when the template cannot be read or asks for something local-gateway cannot do
   */
  static SamTemplate read(Path template, Map<String, String> parameterOverrides) {
    return new SamTemplateReader(template, CloudFormationYaml.read(template), parameterOverrides).read();
  }
}
