package dev.tokengate.examples.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.MockIntegration;
import software.amazon.awscdk.services.apigateway.RestApi;

class TokengateAuthorizerTest {

  private static final String INVOKE_ROLE = "arn:aws:iam::123456789012:role/tokengate-authorizer-InvokeRole-AbC";

  private static SynthesizedTemplate template;
  private static Object secretArn;

  @BeforeAll
  static void synthesize() {
    Stack stack = new Stack(new App(), "Test");
    TokengateAuthorizer tokengate =
        new TokengateAuthorizer(stack, "Tokengate", "tokengate-authorizer", Duration.minutes(5));
    RestApi api = RestApi.Builder.create(stack, "Api")
        .cloudWatchRole(false)
        .defaultMethodOptions(tokengate.requiredForEveryMethod())
        .build();
    tokengate.addGatewayResponses(api);
    api.getRoot().addMethod("GET", new MockIntegration());
    template = SynthesizedTemplate.of(stack);
    secretArn = stack.resolve(tokengate.signingKeySecretArn());
  }

  @Test
  void isATokenAuthorizerOnTheAuthorizationHeader() {
    JsonNode authorizer = authorizer();

    assertThat(authorizer.path("Type").asText()).isEqualTo("TOKEN");
    assertThat(authorizer.path("Name").asText()).isEqualTo("tokengate");
    assertThat(authorizer.path("IdentitySource").asText()).isEqualTo("method.request.header.Authorization");
  }

  @Test
  void letsOnlyABearerCompactJwsReachTheAuthorizer() {
    assertThat(authorizer().path("IdentityValidationExpression").asText())
        .isEqualTo("^[Bb][Ee][Aa][Rr][Ee][Rr] [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$");
  }

  @ParameterizedTest
  @CsvSource({
      "arn:aws:lambda:eu-west-1:123456789012:function:tokengate-authorizer-Fn-AbC:live, aws, eu-west-1",
      "arn:aws-cn:lambda:cn-north-1:123456789012:function:tokengate-authorizer-Fn-AbC:live, aws-cn, cn-north-1",
  })
  void invokesTheImportedLiveAliasInItsOwnPartitionAndRegion(String aliasArn, String partition, String region) {
    String uri = SynthesizedTemplate.evaluate(authorizer().path("AuthorizerUri"),
        Map.of("tokengate-authorizer-AuthorizerArn", aliasArn));

    assertThat(uri).isEqualTo(
        "arn:" + partition + ":apigateway:" + region + ":lambda:path/2015-03-31/functions/" + aliasArn + "/invocations");
  }

  @Test
  void invokesWithTheImportedInvokeRole() {
    String credentials = SynthesizedTemplate.evaluate(authorizer().path("AuthorizerCredentials"),
        Map.of("tokengate-authorizer-AuthorizerInvokeRoleArn", INVOKE_ROLE));

    assertThat(credentials).isEqualTo(INVOKE_ROLE);
  }

  @Test
  void cachesThePolicyForTheGivenTime() {
    assertThat(authorizer().path("AuthorizerResultTtlInSeconds").asInt()).isEqualTo(300);
  }

  @Test
  void grantsNothingItselfSinceTheInvokeRoleCarriesThePermission() {
    assertThat(template.resourceTypes())
        .noneMatch(type -> type.equals("AWS::Lambda::Permission") || type.startsWith("AWS::IAM::"));
  }

  @Test
  void requiredForEveryMethodMakesAMethodUseTheAuthorizer() {
    JsonNode method = template.only("AWS::ApiGateway::Method").getValue().path("Properties");

    assertThat(method.path("AuthorizationType").asText()).isEqualTo("CUSTOM");
    assertThat(method.path("AuthorizerId").path("Ref").asText())
        .isEqualTo(template.only("AWS::ApiGateway::Authorizer").getKey());
  }

  @Test
  void answersAMissingOrMalformedHeader401WithABearerChallenge() {
    assertThat(gatewayResponse("UNAUTHORIZED")).isEqualTo(json("""
        {"StatusCode": "401",
         "ResponseParameters": {"gatewayresponse.header.WWW-Authenticate": "'Bearer'"},
         "ResponseTemplates": {"application/json": "{\\"message\\":\\"Unauthorized\\"}"}}"""));
  }

  @Test
  void answersADeny403WithTheAuthorizersMessage() {
    assertThat(gatewayResponse("ACCESS_DENIED")).isEqualTo(json("""
        {"StatusCode": "403",
         "ResponseTemplates": {"application/json": "{\\"message\\":\\"$context.authorizer.message\\"}"}}"""));
  }

  @Test
  void answersAFailingOrMisconfiguredAuthorizer500WithoutSayingWhy() {
    JsonNode internalError = json("""
        {"StatusCode": "500",
         "ResponseTemplates": {"application/json": "{\\"message\\":\\"Internal server error\\"}"}}""");

    assertThat(List.of(gatewayResponse("AUTHORIZER_FAILURE"), gatewayResponse("AUTHORIZER_CONFIGURATION_ERROR")))
        .containsOnly(internalError);
    assertThat(template.resources("AWS::ApiGateway::GatewayResponse")).hasSize(7);
  }

  @Test
  void answersAClientOverItsLimits429AndAnUnknownApiKey403() {
    assertThat(gatewayResponse("THROTTLED")).isEqualTo(json("""
        {"StatusCode": "429",
         "ResponseTemplates": {"application/json": "{\\"message\\":\\"Too Many Requests\\"}"}}"""));
    assertThat(gatewayResponse("QUOTA_EXCEEDED")).isEqualTo(json("""
        {"StatusCode": "429",
         "ResponseTemplates": {"application/json": "{\\"message\\":\\"Limit Exceeded\\"}"}}"""));
    assertThat(gatewayResponse("INVALID_API_KEY")).isEqualTo(json("""
        {"StatusCode": "403",
         "ResponseTemplates": {"application/json": "{\\"message\\":\\"Forbidden\\"}"}}"""));
  }

  @Test
  void importsTheSigningKeySecretOfTheAuthorizerStack() {
    assertThat(secretArn).isEqualTo(Map.of("Fn::ImportValue", "tokengate-authorizer-SecretArn"));
  }

  private static JsonNode authorizer() {
    return template.only("AWS::ApiGateway::Authorizer").getValue().path("Properties");
  }

  /** The properties of the API's gateway response of one type, without its type and API. */
  private static JsonNode gatewayResponse(String type) {
    String api = template.only("AWS::ApiGateway::RestApi").getKey();
    for (JsonNode response : template.resources("AWS::ApiGateway::GatewayResponse").values()) {
      ObjectNode properties = response.path("Properties").deepCopy();
      if (properties.path("ResponseType").asText().equals(type)) {
        assertThat(properties.path("RestApiId").path("Ref").asText()).as("API of %s", type).isEqualTo(api);
        return properties.without(List.of("ResponseType", "RestApiId"));
      }
    }
    throw new AssertionError("no gateway response " + type);
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }
}
