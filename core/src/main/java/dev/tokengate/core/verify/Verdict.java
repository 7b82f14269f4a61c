package dev.tokengate.core.verify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of verifying one token: {@link Allowed} or {@link Denied}. Callers switch on it; verification
 * never signals a bad token by throwing.
 *
 * <p>Instances are immutable and thread-safe.
 */
public sealed interface Verdict permits Verdict.Allowed, Verdict.Denied {

  /**
   * The token's {@code kid} header when it was a string (it is attacker-controlled before the signature
   * check, so use it only for logs and key selection), shortened to at most {@value TokenVerifier#MAX_KID_LENGTH}
   * characters.
   *
   * @return the {@code kid}, or empty
   */
  Optional<String> kid();

  /**
   * A genuinely valid token.
   *
   * @param principal the value of the first present {@code PRINCIPAL_CLAIM}, never blank
   * @param context the {@code CONTEXT_CLAIMS} values the token has, as API Gateway accepts them (String, Long,
   *     Double or Boolean); unmodifiable
   * @param claims every claim of the payload as plain Java values (String, Number, Boolean, List, Map);
   *     unmodifiable
   * @param kid see {@link Verdict#kid()}
   * @param usageIdentifierKey the value of the {@code USAGE_IDENTIFIER_CLAIM}, an API key for API Gateway's usage
   *     plans; empty when that setting is off. A credential: never log it
   */
  record Allowed(
      String principal, Map<String, Object> context, Map<String, Object> claims, Optional<String> kid,
      Optional<String> usageIdentifierKey)
      implements Verdict {
    /**
     * Copies the maps, keeping their order, so the verdict stays immutable.
     *
     * @param principal the principal
     * @param context the context values
     * @param claims every claim
     * @param kid see {@link Verdict#kid()}
     * @param usageIdentifierKey the usage identifier, or empty
     */
    public Allowed {
      Objects.requireNonNull(principal, "principal");
      context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
      claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
      Objects.requireNonNull(kid, "kid");
      Objects.requireNonNull(usageIdentifierKey, "usageIdentifierKey");
    }

    /**
     * A valid token without a usage identifier, as every token is when {@code USAGE_IDENTIFIER_CLAIM} is unset.
     *
     * @param principal the principal
     * @param context the context values
     * @param claims every claim
     * @param kid see {@link Verdict#kid()}
     */
    public Allowed(String principal, Map<String, Object> context, Map<String, Object> claims, Optional<String> kid) {
      this(principal, context, claims, kid, Optional.empty());
    }
  }

  /**
   * A token that must not pass.
   *
   * @param reason why
   * @param kid see {@link Verdict#kid()}
   */
  record Denied(Reason reason, Optional<String> kid) implements Verdict {
    /**
     * Rejects nulls.
     *
     * @param reason why
     * @param kid see {@link Verdict#kid()}
     */
    public Denied {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(kid, "kid");
    }
  }
}
