package dev.tokengate.core.policy;

import dev.tokengate.core.arn.MethodArn;
import dev.tokengate.core.config.PolicyScope;
import dev.tokengate.core.verify.Reason;
import dev.tokengate.core.verify.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the Allow and Deny policies of the authorizer from a verdict and the parsed {@link MethodArn}.
 *
 * <p>The resource follows {@link PolicyScope}: by default the whole stage, because API Gateway caches one
 * policy per token and applies it to every route; a Deny covers the same scope as an Allow would, since an
 * invalid token is invalid everywhere. Immutable and thread-safe.
 */
public final class PolicyFactory {

  /**
   * The {@code principalId} of a Deny. API Gateway requires one, and an invalid token's claims must not be
   * trusted to name anyone.
   */
  public static final String ANONYMOUS = "anonymous";

  private final PolicyScope scope;

  /**
   * Creates a factory.
   *
   * @param scope what a policy covers
   */
  public PolicyFactory(PolicyScope scope) {
    this.scope = Objects.requireNonNull(scope, "scope");
  }

  /**
   * Builds the response for a verdict: Allow for {@link Verdict.Allowed}, with its usage identifier key when it
   * has one, and Deny for {@link Verdict.Denied}.
   *
   * @param verdict the verdict
   * @param methodArn the ARN the request was for
   * @return the response
   */
  public AuthorizerResponse policyFor(Verdict verdict, MethodArn methodArn) {
    // Java 17 has no pattern switch; Verdict is sealed, so these two cases are all there are.
    if (verdict instanceof Verdict.Allowed allowed) {
      return response(allowed.principal(), "Allow", methodArn, allowed.context(),
          allowed.usageIdentifierKey().orElse(null));
    }
    if (verdict instanceof Verdict.Denied denied) {
      return deny(denied.reason(), methodArn);
    }
    throw new IllegalArgumentException("verdict must not be null");
  }

  /**
   * An Allow for a principal.
   *
   * @param principal the {@code principalId}
   * @param methodArn the ARN the request was for
   * @param context the values to pass on to the backend
   * @return the response
   */
  public AuthorizerResponse allow(String principal, MethodArn methodArn, Map<String, Object> context) {
    return response(principal, "Allow", methodArn, context, null);
  }

  /**
   * A Deny whose context carries {@code reason} (the machine code) and {@code message} (the human text that
   * the {@code ACCESS_DENIED} gateway response shows).
   *
   * @param reason why
   * @param methodArn the ARN the request was for
   * @return the response
   */
  public AuthorizerResponse deny(Reason reason, MethodArn methodArn) {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("reason", reason.code());
    context.put("message", reason.message());
    return response(ANONYMOUS, "Deny", methodArn, context, null);
  }

  private AuthorizerResponse response(String principal, String effect, MethodArn methodArn,
      Map<String, Object> context, String usageIdentifierKey) {
    String resource = scope == PolicyScope.STAGE ? methodArn.anyMethodInStage() : methodArn.arn();
    var statement = new AuthorizerResponse.Statement(
        AuthorizerResponse.EXECUTE_API_INVOKE, List.of(resource), effect);
    var document = new AuthorizerResponse.PolicyDocument(
        AuthorizerResponse.VERSION_2012_10_17, List.of(statement));
    return new AuthorizerResponse(principal, document, context, usageIdentifierKey);
  }
}
