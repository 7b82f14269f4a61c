package dev.tokengate.core;

import dev.tokengate.core.policy.AuthorizerResponse;
import dev.tokengate.core.verify.Reason;
import dev.tokengate.core.verify.Verdict;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the authorizer answers one request with: {@link Allow} or {@link Deny}, each with the policy API Gateway
 * receives, or {@link Unauthorized}, which a TOKEN authorizer signals by failing with the message
 * {@code Unauthorized} and API Gateway turns into a 401. Callers switch on it; nobody recognises a 401 by an
 * exception message.
 *
 * <p>Instances are immutable and thread-safe.
 */
public sealed interface Decision permits Decision.Allow, Decision.Deny, Decision.Unauthorized {

  /** {@return the token's {@code kid}, for logs only (see {@link Verdict#kid()}); empty when no token was read} */
  Optional<String> kid();

  /**
   * A valid token: the backend runs.
   *
   * @param verdict the principal, context and claims of the token
   * @param policy the Allow policy
   */
  record Allow(Verdict.Allowed verdict, AuthorizerResponse policy) implements Decision {
    /**
     * Rejects nulls.
     *
     * @param verdict the principal, context and claims of the token
     * @param policy the Allow policy
     */
    public Allow {
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(policy, "policy");
    }

    @Override
    public Optional<String> kid() {
      return verdict.kid();
    }
  }

  /**
   * An invalid token answered with a Deny policy: API Gateway answers 403 with the reason's message.
   *
   * @param verdict why the token was denied
   * @param policy the Deny policy, whose context carries the reason
   */
  record Deny(Verdict.Denied verdict, AuthorizerResponse policy) implements Decision {
    /**
     * Rejects nulls.
     *
     * @param verdict why the token was denied
     * @param policy the Deny policy, whose context carries the reason
     */
    public Deny {
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(policy, "policy");
    }

    @Override
    public Optional<String> kid() {
      return verdict.kid();
    }

    /** {@return why the token was denied} */
    public Reason reason() {
      return verdict.reason();
    }
  }

  /**
   * No usable request, or an invalid token with {@code INVALID_TOKEN_RESPONSE=unauthorized}: API Gateway must
   * answer 401.
   *
   * @param reason a {@link Reason#code()}, or one of the codes below
   * @param kid see {@link Decision#kid()}
   */
  record Unauthorized(String reason, Optional<String> kid) implements Decision {

    /** The {@code Authorization} header is missing or not {@code Bearer <compact JWS>}. */
    public static final String NO_BEARER_TOKEN = "no_bearer_token";
    /** The {@code methodArn} is missing or not an execute-api method ARN. */
    public static final String MALFORMED_METHOD_ARN = "malformed_method_arn";
    /** The event itself could not be read (an adapter's code: {@link Authorizer} never sees such events). */
    public static final String MALFORMED_EVENT = "malformed_event";
    /** Every code of this kind, as docs/reference/reasons.md lists them. */
    public static final List<String> CODES = List.of(NO_BEARER_TOKEN, MALFORMED_METHOD_ARN, MALFORMED_EVENT);

    /**
     * Rejects nulls.
     *
     * @param reason a {@link Reason#code()}, or one of the codes below
     * @param kid see {@link Decision#kid()}
     */
    public Unauthorized {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(kid, "kid");
    }
  }
}
