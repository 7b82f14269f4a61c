package dev.tokengate.examples.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigateway.IntegrationResponse;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.MethodResponse;
import software.amazon.awscdk.services.apigateway.MockIntegration;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.constructs.Construct;

/**
 * Your REST API, every method of which requires the tokengate authorizer. The one route, {@code GET /hello}, is
 * answered by API Gateway itself (a mock integration) so that the example deploys nothing else: put your own
 * integrations in its place.
 *
 * <p>Environment-agnostic: it looks nothing up at synthesis, so it synthesizes without AWS credentials, and
 * deploys to the account and region of the authorizer stack whose exports it imports.
 */
public final class ProtectedApiStack extends Stack {

  /**
   * Builds the stack.
   *
   * @param scope the app
   * @param id the stack's construct id, which is also its stack name
   * @param settings which authorizer stack to import, and the cache TTL
   */
  public ProtectedApiStack(Construct scope, String id, ProtectedApiSettings settings) {
    super(scope, id, StackProps.builder()
        .description("A REST API protected by the tokengate authorizer of stack " + settings.authorizerStack())
        .build());

    TokengateAuthorizer tokengate = new TokengateAuthorizer(this, "Tokengate", settings.authorizerStack(),
        Duration.seconds(settings.cacheTtlSeconds()));

    RestApi api = RestApi.Builder.create(this, "Api")
        .restApiName(id)
        .description("Every method requires a bearer token that the tokengate authorizer allows.")
        // No account-wide API Gateway logging role: that is an account setting, not this API's.
        .cloudWatchRole(false)
        .defaultMethodOptions(tokengate.requiredForEveryMethod())
        .build();
    tokengate.addGatewayResponses(api);

    api.getRoot().addResource("hello").addMethod("GET", helloIntegration(), MethodOptions.builder()
        .methodResponses(List.of(MethodResponse.builder().statusCode("200").build()))
        .build());

    CfnOutput.Builder.create(this, "HelloUrl")
        .description("GET this URL with an Authorization: Bearer header.")
        .value(api.urlForPath("/hello"))
        .build();
  }

  /** The stand-in for your backend: a fixed 200 that API Gateway answers once the authorizer allowed the call. */
  private static MockIntegration helloIntegration() {
    return MockIntegration.Builder.create()
        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}"))
        .integrationResponses(List.of(IntegrationResponse.builder()
            .statusCode("200")
            .responseTemplates(Map.of("application/json", "{\"message\":\"Hello from your API\"}"))
            .build()))
        .build();
  }
}
