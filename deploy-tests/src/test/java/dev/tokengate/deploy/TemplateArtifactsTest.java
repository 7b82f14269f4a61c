package dev.tokengate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokengate.localgateway.CloudFormationYaml;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Proves that {@code sam deploy} would upload working code: every function's {@code CodeUri}, in
 * {@code template.yaml} and in the local templates of the applications it nests, exists after {@code package}
 * (relative to its own template, as SAM resolves it), and its {@code Handler} names a public class and method
 * inside that very artifact.
 */
class TemplateArtifactsTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path TEMPLATE = ROOT.resolve("template.yaml");

  @TestFactory
  Stream<DynamicTest> everyFunctionHandlerExistsInTheArtifactItsCodeUriNames() throws Exception {
    Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
    collectFunctions(TEMPLATE, functions);
    assertThat(functions).containsKeys("template.yaml Authorizer/AuthorizerFunction", "template.yaml HelloFunction");
    return functions.entrySet().stream().map(function -> DynamicTest.dynamicTest(function.getKey(), () -> {
      Map<String, Object> properties = function.getValue();
      Path artifact = (Path) properties.get("Artifact");
      assertThat(artifact)
          .as("%s CodeUri (run ./mvnw -B package first)", function.getKey())
          .isRegularFile();
      assertHandlerExists(artifact, (String) properties.get("Handler"));
    }));
  }

  @Test
  void authorizerArtifactCarriesNoCliCode() throws Exception {
    try (JarFile jar = new JarFile(ROOT.resolve("authorizer/target/authorizer.jar").toFile())) {
      assertThat(jar.stream().map(entry -> entry.getName()))
          .isNotEmpty()
          .noneMatch(name -> name.startsWith("picocli/") || name.startsWith("dev/tokengate/cli/"));
    }
  }

  private static void assertHandlerExists(Path artifact, String handler) throws Exception {
    assertThat(handler).matches("[\\w.$]+::\\w+");
    String className = handler.substring(0, handler.indexOf("::"));
    String methodName = handler.substring(handler.indexOf("::") + 2);
    // Only the artifact and the JDK are visible, as in the Lambda runtime: a class that needs something the
    // artifact lacks fails here instead of on the first invocation.
    try (URLClassLoader lambda = new URLClassLoader(
        new URL[] {artifact.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Class<?> type = Class.forName(className, false, lambda);
      assertThat(Modifier.isPublic(type.getModifiers())).as("%s is public", className).isTrue();
      assertThat(type.getConstructor()).as("%s has a public no-arg constructor", className).isNotNull();
      assertThat(Arrays.stream(type.getMethods()).map(Method::getName)).contains(methodName);
    }
  }

  /**
   * The functions of a template by "template name", with the Globals merged in and {@code Artifact} the resolved
   * {@code CodeUri}; nested applications' functions under the names of the applications that nest them.
   */
  @SuppressWarnings("unchecked")
  private static void collectFunctions(Path template, Map<String, Map<String, Object>> functions) throws Exception {
    assertThat(Files.isRegularFile(template)).as("%s", template).isTrue();
    Map<String, Object> yaml = CloudFormationYaml.read(template);
    Map<String, Object> globals = (Map<String, Object>) ((Map<String, Object>) yaml
        .getOrDefault("Globals", Map.of())).getOrDefault("Function", Map.of());
    for (Map.Entry<String, Map<String, Object>> resource
        : ((Map<String, Map<String, Object>>) yaml.get("Resources")).entrySet()) {
      Map<String, Object> own = (Map<String, Object>) resource.getValue().getOrDefault("Properties", Map.of());
      if ("AWS::Serverless::Function".equals(resource.getValue().get("Type"))) {
        Map<String, Object> properties = new LinkedHashMap<>(globals);
        properties.putAll(own);
        properties.put("Artifact", template.resolveSibling((String) own.get("CodeUri")).normalize());
        functions.put(template.getFileName() + " " + resource.getKey(), properties);
      } else if ("AWS::Serverless::Application".equals(resource.getValue().get("Type"))
          && own.get("Location") instanceof String location) {
        Map<String, Map<String, Object>> nested = new LinkedHashMap<>();
        collectFunctions(template.resolveSibling(location).normalize(), nested);
        nested.forEach((name, properties) -> functions.put(template.getFileName() + " "
            + resource.getKey() + "/" + name.substring(name.indexOf(' ') + 1), properties));
      }
    }
  }
}
