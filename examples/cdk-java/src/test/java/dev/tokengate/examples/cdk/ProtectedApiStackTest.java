package dev.tokengate.examples.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;

class ProtectedApiStackTest {

  private static SynthesizedTemplate template;

  @BeforeAll
  static void synthesize() {
    template = SynthesizedTemplate.of(
        new ProtectedApiStack(new App(), "ProtectedApi", new ProtectedApiSettings("tokengate-authorizer", 300)));
  }

  @Test
  void everyMethodRequiresTheTokengateAuthorizer() {
    String authorizer = template.only("AWS::ApiGateway::Authorizer").getKey();
    Map<String, JsonNode> methods = template.resources("AWS::ApiGateway::Method");

    assertThat(methods).isNotEmpty().allSatisfy((id, method) -> {
      assertThat(method.at("/Properties/AuthorizationType").asText()).as(id).isEqualTo("CUSTOM");
      assertThat(method.at("/Properties/AuthorizerId/Ref").asText()).as(id).isEqualTo(authorizer);
    });
  }

  @Test
  void answersGetHelloFromTheStandInBackend() {
    JsonNode method = template.only("AWS::ApiGateway::Method").getValue().path("Properties");
    JsonNode resource = template.only("AWS::ApiGateway::Resource").getValue().path("Properties");

    assertThat(resource.path("PathPart").asText()).isEqualTo("hello");
    assertThat(method.path("HttpMethod").asText()).isEqualTo("GET");
    assertThat(method.at("/Integration/Type").asText()).isEqualTo("MOCK");
    assertThat(method.at("/Integration/IntegrationResponses/0/ResponseTemplates/application~1json").asText())
        .isEqualTo("{\"message\":\"Hello from your API\"}");
  }

  @Test
  void deploysOnlyTheApiItselfWithNoPermissionRoleOrFunction() {
    // No Lambda permission for the authorizer (the imported invoke role carries it), no IAM role or policy (not
    // even API Gateway's account-wide CloudWatch role), and no function: the authorizer lives in its own stack.
    assertThat(template.resourceTypes()).allMatch(type -> type.startsWith("AWS::ApiGateway::"))
        .contains("AWS::ApiGateway::RestApi", "AWS::ApiGateway::Authorizer", "AWS::ApiGateway::Deployment",
            "AWS::ApiGateway::Stage");
  }

  @Test
  void addsTokengatesGatewayResponsesToTheApi() {
    assertThat(template.resources("AWS::ApiGateway::GatewayResponse").values())
        .extracting(response -> response.at("/Properties/ResponseType").asText())
        .containsExactlyInAnyOrder("UNAUTHORIZED", "ACCESS_DENIED", "AUTHORIZER_FAILURE",
            "AUTHORIZER_CONFIGURATION_ERROR", "THROTTLED", "QUOTA_EXCEEDED", "INVALID_API_KEY");
  }

  @Test
  void redeploysTheApiWhenTheAuthorizerChanges() {
    SynthesizedTemplate cacheOff = SynthesizedTemplate.of(
        new ProtectedApiStack(new App(), "ProtectedApi", new ProtectedApiSettings("tokengate-authorizer", 0)));

    assertThat(cacheOff.only("AWS::ApiGateway::Deployment").getKey())
        .isNotEqualTo(template.only("AWS::ApiGateway::Deployment").getKey());
  }

  @Test
  void outputsTheUrlToCall() {
    assertThat(template.json().at("/Outputs/HelloUrl/Value").toString()).contains("/hello");
  }
}
