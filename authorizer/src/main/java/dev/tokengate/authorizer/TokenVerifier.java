package dev.tokengate.authorizer;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.Verification;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies a compact HS256 JWS strictly (see the README's "Behaviour" section and DESIGN section 3) and
 * returns a {@link Verdict}. It never throws for a bad token: every library exception stops here.
 *
 * <p>The order is: size and strict structure (our code), header rules (our code), claim types (our code),
 * signature then {@code exp}/{@code nbf}/{@code iat}/{@code iss}/{@code aud} (java-jwt), maximum age and the
 * principal (our code). So a forged token is reported as {@code invalid_signature} whatever its claims say,
 * unless it is malformed.
 *
 * <p>Built once at init; immutable apart from a small cache of java-jwt verifiers per key; thread-safe.
 */
public final class TokenVerifier {

  /** The longest {@code kid} a verdict carries; longer values are cut (they only end up in logs). */
  public static final int MAX_KID_LENGTH = 64;

  /** Bounds the verifier cache when a rotating key source hands out ever new keys. */
  private static final int MAX_CACHED_VERIFIERS = 8;

  private final AuthorizerConfig config;
  private final KeySource keys;
  private final Clock clock;
  private final Map<String, JWTVerifier> verifiers = new ConcurrentHashMap<>();

  private TokenVerifier(AuthorizerConfig config, KeySource keys, Clock clock) {
    this.config = config;
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * Builds a verifier. The current keys' java-jwt verifiers are built here, not on the first request.
   *
   * @param config the validated configuration (issuer, audience, leeway, maximum age, claims)
   * @param keys where the HS256 keys come from
   * @param clock the time source; tests pass a fixed clock
   * @return the verifier
   */
  public static TokenVerifier create(AuthorizerConfig config, KeySource keys, Clock clock) {
    TokenVerifier verifier = new TokenVerifier(
        Objects.requireNonNull(config, "config"), Objects.requireNonNull(keys, "keys"),
        Objects.requireNonNull(clock, "clock"));
    keys.currentKeys().forEach(verifier::verifierFor);
    return verifier;
  }

  /**
   * Verifies one token.
   *
   * @param compactJws the token without the {@code Bearer } scheme; any value, including null
   * @return {@link Verdict.Allowed} only for a genuinely valid token, otherwise {@link Verdict.Denied}
   */
  public Verdict verify(String compactJws) {
    Optional<StrictJws.Parts> parts = StrictJws.parse(compactJws);
    if (parts.isEmpty()) {
      return new Verdict.Denied(Reason.MALFORMED_TOKEN, Optional.empty());
    }
    ObjectNode header = parts.get().header();
    Optional<String> kid = kid(header);
    try {
      return verifyParsed(compactJws, header, parts.get().payload(), kid);
    } catch (RuntimeException e) {
      // The one boundary: whatever a library throws on hostile input becomes a Deny, never a 500.
      return new Verdict.Denied(Reason.MALFORMED_TOKEN, kid);
    }
  }

  private Verdict verifyParsed(String token, ObjectNode header, ObjectNode payload, Optional<String> kid) {
    Optional<Reason> refused = HeaderRules.check(header).or(() -> ClaimRules.checkTypes(payload));
    if (refused.isPresent()) {
      return new Verdict.Denied(refused.get(), kid);
    }
    Optional<KeyChoice> choice = chooseKeys(kid);
    if (choice.isEmpty()) {
      return new Verdict.Denied(Reason.KEY_UNAVAILABLE, kid);
    }
    DecodedJWT decoded = JWT.decode(token);
    Optional<Reason> rejected = verifySignatureAndClaims(decoded, choice.get())
        .or(() -> checkAge(payload));
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
    return new Verdict.Allowed(principal.get(), JsonValues.context(payload, config.contextClaims()),
        JsonValues.plainObject(payload), kid);
  }

  /** The keys to try, and the reason to deny with when none of them verifies the signature. */
  private record KeyChoice(List<HmacKey> candidates, Reason noKeyVerifies) {}

  /**
   * Key selection (DESIGN section 6): a {@code kid} that is a known key's thumbprint selects that key alone. A
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

  /** java-jwt checks algorithm, then signature, then the claims; so a claim is judged only on a genuine token. */
  private Optional<Reason> verifySignatureAndClaims(DecodedJWT decoded, KeyChoice choice) {
    for (HmacKey key : choice.candidates()) {
      try {
        verifierFor(key).verify(decoded);
        return Optional.empty();
      } catch (SignatureVerificationException e) {
        // Not signed with this key: try the next one.
      } catch (JWTVerificationException e) {
        return Optional.of(reasonFor(e));
      }
    }
    return Optional.of(choice.noKeyVerifies());
  }

  private static Reason reasonFor(JWTVerificationException e) {
    if (e instanceof TokenExpiredException) {
      return Reason.TOKEN_EXPIRED;
    }
    if (e instanceof MissingClaimException) {
      return Reason.MISSING_CLAIM;
    }
    if (e instanceof IncorrectClaimException incorrect) {
      String claim = incorrect.getClaimName();
      return "nbf".equals(claim) || "iat".equals(claim) ? Reason.TOKEN_NOT_YET_VALID : Reason.INVALID_CLAIM;
    }
    if (e instanceof AlgorithmMismatchException) {
      return Reason.ALGORITHM_NOT_ALLOWED;
    }
    return Reason.MALFORMED_TOKEN;
  }

  /** java-jwt has no maximum age: {@code now - iat} must not exceed it (plus leeway), and {@code iat} is required. */
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

  private JWTVerifier verifierFor(HmacKey key) {
    JWTVerifier cached = verifiers.get(key.thumbprint());
    if (cached != null) {
      return cached;
    }
    if (verifiers.size() >= MAX_CACHED_VERIFIERS) {
      verifiers.clear();
    }
    return verifiers.computeIfAbsent(key.thumbprint(), thumbprint -> buildVerifier(key));
  }

  private JWTVerifier buildVerifier(HmacKey key) {
    Verification verification = JWT.require(key.algorithm())
        .acceptLeeway(config.leeway().getSeconds())
        .withClaimPresence("exp");
    config.issuer().ifPresent(verification::withIssuer);
    config.audience().ifPresent(verification::withAudience);
    return ((JWTVerifier.BaseVerification) verification).build(clock);
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
