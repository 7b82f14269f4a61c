package dev.tokengate.examples.cdk;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.IdentitySource;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApiBase;
import software.amazon.awscdk.services.apigateway.TokenAuthorizer;
import software.amazon.awscdk.services.iam.FromRoleArnOptions;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionAttributes;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The tokengate authorizer that its own stack deployed, as a TOKEN authorizer for a REST API of this app.
 *
 * <p>The authorizer stack exports, under its stack name:
 * <ul>
 *   <li>{@code <stack>-AuthorizerArn}: the ARN of the authorizer function's {@code live} alias. API Gateway
 *       invokes the alias because SnapStart applies only to published versions.</li>
 *   <li>{@code <stack>-AuthorizerInvokeRoleArn}: a role that API Gateway assumes to invoke that alias (the
 *       authorizer's credentials), so this app adds no Lambda permission to a function of another stack.</li>
 *   <li>{@code <stack>-SecretArn}: the Secrets Manager secret holding the signing key, to mint tokens.</li>
 * </ul>
 * While a stack of this app imports them, CloudFormation refuses to change or delete those exports.
 *
 * <p>Not thread-safe, like every construct: build the app on one thread.
 */
public final class TokengateAuthorizer extends Construct {

  /**
   * The header API Gateway passes to the authorizer; a request without it is answered 401 without invoking it.
   */
  public static final String IDENTITY_SOURCE = IdentitySource.header("Authorization");

  /**
   * The header value API Gateway lets through to the authorizer: the scheme {@code Bearer} in any case (spelled
   * with character classes: API Gateway documents no regex flags), one space and a compact JWS. Anything else is
   * answered 401 without a Lambda invocation. The same expression as tokengate's own template.yaml.
   */
  public static final String VALIDATION_REGEX =
      "^[Bb][Ee][Aa][Rr][Ee][Rr] [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$";

  private static final String REDEPLOY_ON_AUTHORIZER_CHANGE =
      "@aws-cdk/aws-apigateway:authorizerChangeDeploymentLogicalId";

  private final TokenAuthorizer authorizer;
  private final String signingKeySecretArn;

  /**
   * Imports the authorizer stack's exports and builds a TOKEN authorizer on them.
   *
   * @param scope the stack that holds the REST API (in the authorizer stack's account and region: exports
   *     cannot be imported across regions)
   * @param id the construct id
   * @param authorizerStack the name of the deployed authorizer stack, which prefixes its export names
   * @param resultsCacheTtl how long API Gateway caches the authorizer's policy per token, at most an hour; zero
   *     turns the cache off. A cached Allow outlives the token's {@code exp} by up to this long.
   */
  public TokengateAuthorizer(Construct scope, String id, String authorizerStack, Duration resultsCacheTtl) {
    super(scope, id);
    // API Gateway serves a stage from a deployment, a snapshot: with this CDK feature flag, a change to the
    // authorizer (a new TTL, another authorizer stack) gives the API a new deployment, so the stage takes it up.
    getNode().setContext(REDEPLOY_ON_AUTHORIZER_CHANGE, true);
    IFunction function = Function.fromFunctionAttributes(this, "Function", FunctionAttributes.builder()
        .functionArn(Fn.importValue(authorizerStack + "-AuthorizerArn"))
        // Exports are read in their own account and region, and the invoke role already carries the permission.
        .sameEnvironment(true)
        .skipPermissions(true)
        .build());
    // Not mutable: the role belongs to the authorizer stack, so this app attaches no policy to it.
    IRole invokeRole = Role.fromRoleArn(this, "InvokeRole",
        Fn.importValue(authorizerStack + "-AuthorizerInvokeRoleArn"),
        FromRoleArnOptions.builder().mutable(false).build());
    authorizer = TokenAuthorizer.Builder.create(this, "Authorizer")
        .authorizerName("tokengate")
        .handler(function)
        .assumeRole(invokeRole)
        .identitySource(IDENTITY_SOURCE)
        .validationRegex(VALIDATION_REGEX)
        .resultsCacheTtl(resultsCacheTtl)
        .build();
    signingKeySecretArn = Fn.importValue(authorizerStack + "-SecretArn");
  }

  /** Method options that require this authorizer: a REST API's {@code defaultMethodOptions}. */
  public MethodOptions requiredForEveryMethod() {
    return MethodOptions.builder()
        .authorizationType(AuthorizationType.CUSTOM)
        .authorizer(authorizer)
        .build();
  }

  /**
   * The ARN of the secret that holds the signing key, for a resource of this app that mints tokens (a
   * CloudFormation import, resolved at deploy time). Only the principals the authorizer stack lets read the key
   * can read it.
   */
  public String signingKeySecretArn() {
    return signingKeySecretArn;
  }

  /**
   * Adds tokengate's gateway responses to {@code api}: 401 with {@code WWW-Authenticate: Bearer} for a missing
   * or malformed header, 403 with the authorizer's reason ({@code {"message":"token expired"}}) for a Deny, and
   * 500 with a fixed body when the authorizer fails, which says nothing about why; and fixed bodies for the
   * limits: 429 over a rate ({@code THROTTLED}) or a quota ({@code QUOTA_EXCEEDED}), 403 for an API key that is
   * not in the usage plan ({@code INVALID_API_KEY}).
   */
  public void addGatewayResponses(RestApiBase api) {
    api.addGatewayResponse("Unauthorized", GatewayResponseOptions.builder()
        .type(ResponseType.UNAUTHORIZED)
        .statusCode("401")
        .responseHeaders(Map.of("WWW-Authenticate", "'Bearer'"))
        .templates(json("{\"message\":\"Unauthorized\"}"))
        .build());
    api.addGatewayResponse("AccessDenied", GatewayResponseOptions.builder()
        .type(ResponseType.ACCESS_DENIED)
        .statusCode("403")
        // A Deny from the authorizer carries a short, fixed human text in context.message.
        .templates(json("{\"message\":\"$context.authorizer.message\"}"))
        .build());
    api.addGatewayResponse("AuthorizerFailure", GatewayResponseOptions.builder()
        .type(ResponseType.AUTHORIZER_FAILURE)
        .statusCode("500")
        .templates(json("{\"message\":\"Internal server error\"}"))
        .build());
    api.addGatewayResponse("AuthorizerConfigurationError", GatewayResponseOptions.builder()
        .type(ResponseType.AUTHORIZER_CONFIGURATION_ERROR)
        .statusCode("500")
        .templates(json("{\"message\":\"Internal server error\"}"))
        .build());
    api.addGatewayResponse("Throttled", GatewayResponseOptions.builder()
        .type(ResponseType.THROTTLED)
        .statusCode("429")
        .templates(json("{\"message\":\"Too Many Requests\"}"))
        .build());
    api.addGatewayResponse("QuotaExceeded", GatewayResponseOptions.builder()
        .type(ResponseType.QUOTA_EXCEEDED)
        .statusCode("429")
        .templates(json("{\"message\":\"Limit Exceeded\"}"))
        .build());
    api.addGatewayResponse("InvalidApiKey", GatewayResponseOptions.builder()
        .type(ResponseType.INVALID_API_KEY)
        .statusCode("403")
        .templates(json("{\"message\":\"Forbidden\"}"))
        .build());
  }

  private static Map<String, String> json(String body) {
    return Map.of("application/json", body);
  }
}
