package dev.tokengate.examples.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;

/**
 * The example's header rule, cache TTL and gateway responses are those of the repository's own template.yaml, so
 * an API protected this way answers exactly as the demo API does. Delete this test in a copy of the example
 * outside the repository.
 */
class SameRulesAsTemplateYamlTest {

  private static final Path TEMPLATE_YAML = Path.of("../../template.yaml");

  private static JsonNode samApi;
  private static SynthesizedTemplate example;

  @BeforeAll
  static void read() throws IOException {
    // Jackson reads CloudFormation's short-form tags (!Ref, !Sub) as their plain values, which is enough here.
    JsonNode template = new YAMLMapper().readTree(TEMPLATE_YAML.toFile());
    samApi = template.at("/Resources/Api/Properties");
    assertThat(samApi.isMissingNode()).as("the Api resource of %s", TEMPLATE_YAML).isFalse();
    example = SynthesizedTemplate.of(ProtectedApiApp.build(new App()));
  }

  @Test
  void validatesTheHeaderWithTheSameExpression() {
    assertThat(TokengateAuthorizer.VALIDATION_REGEX)
        .isEqualTo(samApi.at("/Auth/Authorizers/JwtAuthorizer/Identity/ValidationExpression").asText());
  }

  @Test
  void cachesForTheSameDefaultTime() throws IOException {
    JsonNode parameters = new YAMLMapper().readTree(TEMPLATE_YAML.toFile()).path("Parameters");

    assertThat(samApi.at("/Auth/Authorizers/JwtAuthorizer/Identity/ReauthorizeEvery").asText())
        .isEqualTo("AuthorizerCacheTtlSeconds");
    assertThat(ProtectedApiSettings.DEFAULT_CACHE_TTL_SECONDS)
        .isEqualTo(parameters.at("/AuthorizerCacheTtlSeconds/Default").asInt());
  }

  @Test
  void answersWithTheSameGatewayResponses() {
    assertThat(exampleGatewayResponses()).isEqualTo(samGatewayResponses());
  }

  /** SAM's GatewayResponses, written as the CloudFormation properties the SAM transform makes of them. */
  private static Map<String, JsonNode> samGatewayResponses() {
    Map<String, JsonNode> responses = new HashMap<>();
    samApi.path("GatewayResponses").properties().forEach(entry -> {
      ObjectNode response = new ObjectMapper().createObjectNode();
      JsonNode sam = entry.getValue();
      response.set("StatusCode", sam.path("StatusCode"));
      ObjectNode parameters = response.objectNode();
      sam.at("/ResponseParameters/Headers").properties()
          .forEach(header -> parameters.set("gatewayresponse.header." + header.getKey(), header.getValue()));
      if (!parameters.isEmpty()) {
        response.set("ResponseParameters", parameters);
      }
      response.set("ResponseTemplates", sam.path("ResponseTemplates"));
      responses.put(entry.getKey(), response);
    });
    return responses;
  }

  private static Map<String, JsonNode> exampleGatewayResponses() {
    Map<String, JsonNode> responses = new HashMap<>();
    example.resources("AWS::ApiGateway::GatewayResponse").values().forEach(resource -> {
      ObjectNode properties = resource.path("Properties").deepCopy();
      responses.put(properties.remove("ResponseType").asText(), properties.without("RestApiId"));
    });
    return responses;
  }
}
