package dev.tokengate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CloudFormation that the AWS SAM translator makes of {@code template.yaml}, of the authorizer stack it nests
 * and of the SAM example, as {@code sam deploy} would create it, produced offline by
 * {@code src/test/python/sam_translate.py}.
 */
final class SamTranslation {

  static final Path TEMPLATE = ExternalTool.ROOT.resolve("template.yaml");
  static final Path AUTHORIZER_TEMPLATE = ExternalTool.ROOT.resolve("authorizer/template.yaml");
  static final Path SAM_EXAMPLE_TEMPLATE = ExternalTool.ROOT.resolve("examples/sam-existing-api/template.yaml");
  private static final Path SCRIPT = ExternalTool.ROOT.resolve("deploy-tests/src/test/python/sam_translate.py");

  private SamTranslation() {}

  /** Translates {@code template.yaml}; {@code parameters} override the template's parameter defaults. */
  static JsonNode translate(Map<String, String> parameters) throws Exception {
    return translate(TEMPLATE, parameters);
  }

  /** Translates the authorizer stack; {@code parameters} override its parameter defaults. */
  static JsonNode translateAuthorizer(Map<String, String> parameters) throws Exception {
    return translate(AUTHORIZER_TEMPLATE, parameters);
  }

  /** Translates a SAM template; {@code parameters} override its parameter defaults. */
  static JsonNode translate(Path template, Map<String, String> parameters) throws Exception {
    List<String> command = new ArrayList<>(
        List.of(ExternalTool.python().toString(), SCRIPT.toString(), template.toString()));
    parameters.forEach((name, value) -> command.add(name + "=" + value));
    ExternalTool.Result result = ExternalTool.run(command);
    assertThat(result.exitCode()).as("SAM translator: %s", result.describe()).isZero();
    return new ObjectMapper().readTree(result.stdout());
  }

  /**
   * Writes the translation to {@code target/sam-translated-NAME.json} so that other tools can read it;
   * {@code parameters} override the template's parameter defaults.
   */
  static Path translateToFile(Path template, String name, Map<String, String> parameters) throws Exception {
    Path output = ExternalTool.ROOT.resolve("deploy-tests/target/sam-translated-" + name + ".json");
    Files.createDirectories(output.getParent());
    Files.writeString(output, new ObjectMapper().writerWithDefaultPrettyPrinter()
        .writeValueAsString(translate(template, parameters)));
    return output;
  }

  /** The logical ids of every resource of the given CloudFormation type. */
  static Stream<String> idsOfType(JsonNode cloudFormation, String type) {
    List<String> ids = new ArrayList<>();
    cloudFormation.path("Resources").properties().forEach(resource -> {
      if (type.equals(resource.getValue().path("Type").asText())) {
        ids.add(resource.getKey());
      }
    });
    return ids.stream();
  }
}
