package dev.tokengate.core;

import dev.tokengate.core.arn.MethodArn;
import dev.tokengate.core.config.AuthorizerConfig;
import dev.tokengate.core.config.InvalidTokenResponse;
import dev.tokengate.core.jws.BearerToken;
import dev.tokengate.core.policy.PolicyFactory;
import dev.tokengate.core.verify.KeySource;
import dev.tokengate.core.verify.TokenVerifier;
import dev.tokengate.core.verify.Verdict;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides one TOKEN authorizer request: the {@code Authorization} header and the {@code methodArn} in, a
 * {@link Decision} out. This is the whole authorizer without Lambda: the Lambda handler, {@code token-cli} and
 * any other adapter call {@link #decide} and only translate its answer.
 *
 * <p>Built once at init (configuration, keys, verifier, policy factory); per request it only parses and decides.
 * It never throws for any input. Thread-safe: the only mutable state is a one-entry cache of the last method
 * ARN, which a race can only make miss.
 */
public final class Authorizer {

  private final AuthorizerConfig config;
  private final TokenVerifier verifier;
  private final PolicyFactory policies;

  /**
   * The last method ARN parsed: a warm function mostly sees the same few methods, and a string comparison is
   * cheaper than the regular expression. Equal text parses to an equal, immutable value.
   */
  private volatile ParsedArn lastArn;

  private record ParsedArn(String text, MethodArn arn) {}

  private Authorizer(AuthorizerConfig config, KeySource keys, Clock clock) {
    this.config = config;
    this.verifier = TokenVerifier.create(config, keys, clock);
    this.policies = new PolicyFactory(config.policyScope());
  }

  /**
   * Builds an authorizer.
   *
   * @param config the validated configuration
   * @param keys where the HS256 keys come from (a static key, or a rotating source)
   * @param clock the time source; tests pass a fixed clock
   * @return the authorizer
   */
  public static Authorizer create(AuthorizerConfig config, KeySource keys, Clock clock) {
    return new Authorizer(Objects.requireNonNull(config, "config"), Objects.requireNonNull(keys, "keys"),
        Objects.requireNonNull(clock, "clock"));
  }

  /** {@return the configuration this authorizer was built with} */
  public AuthorizerConfig config() {
    return config;
  }

  /**
   * Decides one request.
   *
   * @param authorizationHeader the {@code Authorization} header value, e.g. {@code Bearer eyJ...}; may be null
   * @param methodArn the ARN of the method called; may be null
   * @return {@link Decision.Allow} only for a valid token; {@link Decision.Deny} for an invalid one;
   *     {@link Decision.Unauthorized} when the header is not {@code Bearer <compact JWS>}, the method ARN is not
   *     usable, or the token is invalid and {@code INVALID_TOKEN_RESPONSE=unauthorized}
   */
  public Decision decide(String authorizationHeader, String methodArn) {
    Optional<BearerToken> bearer = BearerToken.parse(authorizationHeader);
    if (bearer.isEmpty()) {
      return new Decision.Unauthorized(Decision.Unauthorized.NO_BEARER_TOKEN, Optional.empty());
    }
    Optional<MethodArn> arn = methodArn(methodArn);
    if (arn.isEmpty()) {
      // API Gateway always sends a valid ARN; without one there is no resource to scope a policy to.
      return new Decision.Unauthorized(Decision.Unauthorized.MALFORMED_METHOD_ARN, Optional.empty());
    }
    Verdict verdict = verifier.verify(bearer.get().compactJws());
    if (verdict instanceof Verdict.Denied denied) {
      if (config.invalidTokenResponse() == InvalidTokenResponse.UNAUTHORIZED) {
        return new Decision.Unauthorized(denied.reason().code(), denied.kid());
      }
      return new Decision.Deny(denied, policies.policyFor(denied, arn.get()));
    }
    Verdict.Allowed allowed = (Verdict.Allowed) verdict;
    return new Decision.Allow(allowed, policies.policyFor(allowed, arn.get()));
  }

  private Optional<MethodArn> methodArn(String text) {
    ParsedArn last = lastArn;
    if (last != null && last.text().equals(text)) {
      return Optional.of(last.arn());
    }
    try {
      MethodArn parsed = MethodArn.parse(text);
      lastArn = new ParsedArn(text, parsed);
      return Optional.of(parsed);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
