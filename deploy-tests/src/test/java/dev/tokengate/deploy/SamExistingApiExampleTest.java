package dev.tokengate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Proves, on the CloudFormation that the AWS SAM translator generates, that {@code examples/sam-existing-api}
 * imports exactly what the authorizer stack exports and protects its API with the same identity rules and
 * gateway responses as {@code template.yaml}.
 */
@Tag("integration")
class SamExistingApiExampleTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AUTHORIZER_STACK = "orders-authorizer";

  private static JsonNode example;
  private static JsonNode demo;
  private static JsonNode authorizerStack;

  @BeforeAll
  static void translate() throws Exception {
    example = SamTranslation.translate(SamTranslation.SAM_EXAMPLE_TEMPLATE,
        Map.of("AuthorizerStackName", AUTHORIZER_STACK));
    demo = SamTranslation.translate(Map.of());
    authorizerStack = SamTranslation.translateAuthorizer(Map.of());
  }

  @Test
  void invokesTheAliasTheAuthorizerStackExportsWithTheRoleItExports() {
    JsonNode authorizer = authorizer(example);

    assertThat(authorizer.at("/authorizerUri/Fn::Sub/1/__FunctionArn__"))
        .isEqualTo(importOf(exportName("AuthorizerArn")));
    assertThat(authorizer.path("authorizerCredentials")).isEqualTo(importOf(exportName("AuthorizerInvokeRoleArn")));
  }

  @Test
  void addsNoLambdaPermissionToTheAuthorizerItDoesNotOwn() {
    assertThat(SamTranslation.idsOfType(example, "AWS::Lambda::Permission")
        .map(id -> example.at("/Resources/" + id + "/Properties/FunctionName/Ref").asText()))
        .isNotEmpty()
        .allMatch(function -> function.equals("OrdersFunction"));
  }

  @Test
  void checksTheHeaderAndCachesAsTheDemoTemplateDoes() {
    JsonNode authorizer = authorizer(example);
    JsonNode demoAuthorizer = authorizer(demo);

    assertThat(authorizer.path("type").asText()).isEqualTo("token");
    assertThat(securityDefinition(example).path("name").asText()).isEqualTo("Authorization");
    assertThat(authorizer.path("identityValidationExpression"))
        .isEqualTo(demoAuthorizer.path("identityValidationExpression"));
    assertThat(authorizer.path("authorizerResultTtlInSeconds"))
        .isEqualTo(demoAuthorizer.path("authorizerResultTtlInSeconds"));
  }

  @Test
  void cacheTtlParameterReachesTheAuthorizerEvenWhenZero() throws Exception {
    JsonNode uncached = SamTranslation.translate(SamTranslation.SAM_EXAMPLE_TEMPLATE,
        Map.of("AuthorizerCacheTtlSeconds", "0"));

    assertThat(authorizer(uncached).path("authorizerResultTtlInSeconds").asText()).isEqualTo("0");
  }

  @Test
  void answersEveryGatewayResponseAsTheDemoTemplateDoes() {
    String path = "/Resources/Api/Properties/Body/x-amazon-apigateway-gateway-responses";

    assertThat(example.at(path)).isNotEmpty().isEqualTo(demo.at(path));
  }

  @Test
  void everyRouteRequiresTheAuthorizer() {
    List<String> routes = new ArrayList<>();
    example.at("/Resources/Api/Properties/Body/paths").properties().forEach(path ->
        path.getValue().properties().forEach(method -> {
          routes.add(method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
          assertThat(method.getValue().path("security")).as(path.getKey()).isEqualTo(
              JSON.createArrayNode().add(JSON.createObjectNode().set("Tokengate", JSON.createArrayNode())));
        }));

    assertThat(routes).containsExactly("GET /orders");
  }

  /** An export's name, as the authorizer stack declares it, for a stack named {@link #AUTHORIZER_STACK}. */
  private static String exportName(String output) {
    String declared = authorizerStack.at("/Outputs/" + output + "/Export/Name/Fn::Sub").asText();
    assertThat(declared).as("export of %s", output).startsWith("${AWS::StackName}-");
    return declared.replace("${AWS::StackName}", AUTHORIZER_STACK);
  }

  /** {@code Fn::ImportValue} of a name, as the translator leaves it with the parameter's value in place. */
  private static JsonNode importOf(String name) {
    return JSON.createObjectNode().set("Fn::ImportValue", JSON.createObjectNode().put("Fn::Sub", name));
  }

  private static JsonNode securityDefinition(JsonNode cloudFormation) {
    JsonNode definitions = cloudFormation.at("/Resources/Api/Properties/Body/securityDefinitions");
    assertThat(definitions.size()).as("one authorizer").isEqualTo(1);
    return definitions.elements().next();
  }

  private static JsonNode authorizer(JsonNode cloudFormation) {
    return securityDefinition(cloudFormation).path("x-amazon-apigateway-authorizer");
  }
}
