package dev.tokengate.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokengate.core.config.AuthorizerConfig;
import dev.tokengate.core.jws.StrictJws;
import java.time.Clock;
import java.util.Optional;

/**
 * The registered-claim checks of a verified token: {@code exp} present, {@code iss} and {@code aud} when
 * configured, then {@code exp}, {@code nbf} and {@code iat} against the clock with the leeway.
 *
 * <p>These are java-jwt's {@code JWTVerifier} checks with the settings tokengate used (a required {@code exp},
 * {@code withIssuer}, {@code withAudience}, {@code acceptLeeway}), in the same order and with the same
 * comparisons: the time is truncated to whole seconds, a fractional date is truncated too, a token expires when
 * {@code now - leeway >= exp}, and is not yet valid when {@code now + leeway < nbf} (or {@code iat}). They run
 * on the payload that {@link StrictJws} already parsed and {@link ClaimRules#checkTypes} already type-checked,
 * so the token is parsed once instead of twice. Immutable and thread-safe.
 */
final class ClaimChecks {

  private final Optional<String> issuer;
  private final Optional<String> audience;
  private final long leewaySeconds;
  private final Clock clock;

  ClaimChecks(AuthorizerConfig config, Clock clock) {
    this.issuer = config.issuer();
    this.audience = config.audience();
    this.leewaySeconds = config.leeway().getSeconds();
    this.clock = clock;
  }

  /** Returns why the claims are not acceptable now, or empty when they are. */
  Optional<Reason> check(ObjectNode payload) {
    if (payload.get("exp") == null) {
      return Optional.of(Reason.MISSING_CLAIM);
    }
    if (issuer.isPresent()) {
      JsonNode iss = payload.get("iss");
      if (iss == null) {
        return Optional.of(Reason.MISSING_CLAIM);
      }
      if (!issuer.get().equals(iss.textValue())) {
        return Optional.of(Reason.INVALID_CLAIM);
      }
    }
    if (audience.isPresent()) {
      JsonNode aud = payload.get("aud");
      if (aud == null) {
        return Optional.of(Reason.MISSING_CLAIM);
      }
      if (!hasAudience(aud, audience.get())) {
        return Optional.of(Reason.INVALID_CLAIM);
      }
    }
    long now = clock.instant().getEpochSecond();
    if (now - leewaySeconds >= seconds(payload.get("exp"))) {
      return Optional.of(Reason.TOKEN_EXPIRED);
    }
    if (isAfter(payload.get("nbf"), now + leewaySeconds) || isAfter(payload.get("iat"), now + leewaySeconds)) {
      return Optional.of(Reason.TOKEN_NOT_YET_VALID);
    }
    return Optional.empty();
  }

  /** {@code aud} is a string or an array of strings ({@link ClaimRules#checkTypes}); one of them must match. */
  private static boolean hasAudience(JsonNode aud, String expected) {
    if (aud.isTextual()) {
      return expected.equals(aud.textValue());
    }
    for (JsonNode element : aud) {
      if (expected.equals(element.textValue())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAfter(JsonNode date, long limit) {
    return date != null && seconds(date) > limit;
  }

  /** A NumericDate in whole seconds; {@link ClaimRules#checkTypes} bounds it, so the cast cannot overflow. */
  private static long seconds(JsonNode date) {
    return date.asLong();
  }
}
