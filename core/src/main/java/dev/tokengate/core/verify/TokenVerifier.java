package dev.tokengate.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokengate.core.config.AuthorizerConfig;
import dev.tokengate.core.jws.StrictJws;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a compact HS256 JWS strictly (see docs/reference/reasons.md) and
 * returns a {@link Verdict}. It never throws for a bad token: every library exception stops here.
 *
 * <p>The order is: size and strict structure, header rules, claim types, signature ({@link HmacKey}: java-jwt
 * computes the HMAC-SHA256, the JDK compares it in constant time), then {@code exp}/{@code iss}/{@code aud}/
 * {@code nbf}/{@code iat} ({@link ClaimChecks}), maximum age, the principal and the usage identifier. So a
 * forged token is reported as {@code invalid_signature} whatever its claims say, unless it is malformed. The
 * token is parsed once, by {@link StrictJws}; nothing is built per request but the verdict.
 *
 * <p>Built once at init; immutable and thread-safe.
 */
public final class TokenVerifier {

  /** The longest {@code kid} a verdict carries; longer values are cut (they only end up in logs). */
  public static final int MAX_KID_LENGTH = 64;

  private final AuthorizerConfig config;
  private final KeySource keys;
  private final Clock clock;
  private final ClaimChecks claims;
  private final StrictJws parser = new StrictJws();

  private TokenVerifier(AuthorizerConfig config, KeySource keys, Clock clock) {
    this.config = config;
    this.keys = keys;
    this.clock = clock;
    this.claims = new ClaimChecks(config, clock);
  }

  /**
   * Builds a verifier.
   *
   * @param config the validated configuration (issuer, audience, leeway, maximum age, claims)
   * @param keys where the HS256 keys come from
   * @param clock the time source; tests pass a fixed clock
   * @return the verifier
   */
  public static TokenVerifier create(AuthorizerConfig config, KeySource keys, Clock clock) {
    return new TokenVerifier(
        Objects.requireNonNull(config, "config"), Objects.requireNonNull(keys, "keys"),
        Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Verifies one token.
   *
   * @param compactJws the token without the {@code Bearer } scheme; any value, including null
   * @return {@link Verdict.Allowed} only for a genuinely valid token, otherwise {@link Verdict.Denied}
   */
  public Verdict verify(String compactJws) {
    Optional<StrictJws.Parts> parts = parse(compactJws);
    if (parts.isEmpty()) {
      return new Verdict.Denied(Reason.MALFORMED_TOKEN, Optional.empty());
    }
    ObjectNode header = parts.get().header();
    Optional<String> kid = kid(header);
    try {
      return verifyParsed(parts.get(), kid);
    } catch (RuntimeException e) {
      // The one boundary: whatever a library throws on hostile input becomes a Deny, never a 500.
      return new Verdict.Denied(Reason.MALFORMED_TOKEN, kid);
    }
  }

  private Optional<StrictJws.Parts> parse(String compactJws) {
    try {
      return parser.parse(compactJws);
    } catch (RuntimeException e) {
      // Jackson reports a few limits (a flood of colliding member names, for one) as unchecked exceptions.
      return Optional.empty();
    }
  }

  private Verdict verifyParsed(StrictJws.Parts parts, Optional<String> kid) {
    ObjectNode payload = parts.payload();
    Optional<Reason> refused = HeaderRules.check(parts.header()).or(() -> ClaimRules.checkTypes(payload));
    if (refused.isPresent()) {
      return new Verdict.Denied(refused.get(), kid);
    }
    Optional<KeyChoice> choice = chooseKeys(kid);
    if (choice.isEmpty()) {
      return new Verdict.Denied(Reason.KEY_UNAVAILABLE, kid);
    }
    if (!isSignedWithOneOf(choice.get().candidates(), parts)) {
      return new Verdict.Denied(choice.get().noKeyVerifies(), kid);
    }
    Optional<Reason> rejected = claims.check(payload).or(() -> checkAge(payload));
    if (rejected.isPresent()) {
      return new Verdict.Denied(rejected.get(), kid);
    }
    Optional<JsonNode> principalClaim = ClaimRules.principalClaim(payload, config.principalClaims());
    if (principalClaim.isEmpty()) {
      return new Verdict.Denied(Reason.MISSING_CLAIM, kid);
    }
    Optional<String> principal = ClaimRules.principalText(principalClaim.get());
    if (principal.isEmpty()) {
      return new Verdict.Denied(Reason.INVALID_CLAIM, kid);
    }
    Optional<String> usageIdentifier = Optional.empty();
    if (config.usageIdentifierClaim().isPresent()) {
      JsonNode claim = payload.get(config.usageIdentifierClaim().get());
      if (claim == null) {
        return new Verdict.Denied(Reason.MISSING_USAGE_IDENTIFIER, kid);
      }
      usageIdentifier = ClaimRules.usageIdentifierText(claim);
      if (usageIdentifier.isEmpty()) {
        return new Verdict.Denied(Reason.INVALID_USAGE_IDENTIFIER, kid);
      }
    }
    return new Verdict.Allowed(principal.get(), JsonValues.context(payload, config.contextClaims()),
        JsonValues.plainObject(payload), kid, usageIdentifier);
  }

  /** The keys to try, and the reason to deny with when none of them verifies the signature. */
  private record KeyChoice(List<HmacKey> candidates, Reason noKeyVerifies) {}

  /**
   * Key selection (docs/keys-and-rotation.md): a {@code kid} that is a known key's thumbprint selects that key alone. A
   * {@code kid} that names no key lets the source refresh (a rotation may just have happened); if it still names
   * none, every key is tried (other tools set a {@code kid} of their own) and a failure is {@code unknown_key}.
   * An absent {@code kid} tries every key, current first. The one static key ignores {@code kid}.
   *
   * @return empty when the source has no key at all
   */
  private Optional<KeyChoice> chooseKeys(Optional<String> kid) {
    List<HmacKey> known = keys.currentKeys();
    if (!known.isEmpty() && keys.kidSelectsKey() && kid.isPresent()) {
      Optional<HmacKey> named = named(known, kid.get());
      if (named.isEmpty()) {
        known = keys.keysForUnknownKid();
        named = named(known, kid.get());
      }
      if (named.isPresent()) {
        return Optional.of(new KeyChoice(List.of(named.get()), Reason.INVALID_SIGNATURE));
      }
      return known.isEmpty() ? Optional.empty() : Optional.of(new KeyChoice(known, Reason.UNKNOWN_KEY));
    }
    return known.isEmpty() ? Optional.empty() : Optional.of(new KeyChoice(known, Reason.INVALID_SIGNATURE));
  }

  private static Optional<HmacKey> named(List<HmacKey> known, String kid) {
    return known.stream().filter(key -> key.thumbprint().equals(kid)).findFirst();
  }

  private static boolean isSignedWithOneOf(List<HmacKey> candidates, StrictJws.Parts parts) {
    for (HmacKey key : candidates) {
      if (key.isSignatureOf(parts.signingInput(), parts.signature())) {
        return true;
      }
    }
    return false;
  }

  /**
   * No standard check bounds the age: {@code now - iat} must not exceed it (plus leeway), and {@code iat} is
   * required.
   */
  private Optional<Reason> checkAge(ObjectNode payload) {
    if (config.maxTokenAge().isEmpty()) {
      return Optional.empty();
    }
    JsonNode iat = payload.get("iat");
    if (iat == null) {
      return Optional.of(Reason.MISSING_CLAIM);
    }
    long ageSeconds = clock.instant().getEpochSecond() - iat.longValue();
    long allowed = config.maxTokenAge().get().getSeconds() + config.leeway().getSeconds();
    return ageSeconds > allowed ? Optional.of(Reason.TOKEN_TOO_OLD) : Optional.empty();
  }

  private static Optional<String> kid(ObjectNode header) {
    JsonNode kid = header.get("kid");
    if (kid == null || !kid.isTextual()) {
      return Optional.empty();
    }
    String text = kid.textValue();
    if (text.length() <= MAX_KID_LENGTH) {
      return Optional.of(text);
    }
    // Never cut a surrogate pair in half: the kid is written to logs as UTF-8.
    int end = Character.isHighSurrogate(text.charAt(MAX_KID_LENGTH - 1)) ? MAX_KID_LENGTH - 1 : MAX_KID_LENGTH;
    return Optional.of(text.substring(0, end));
  }
}
