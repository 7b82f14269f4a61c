package dev.tokengate.cli;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.tokengate.core.config.AuthorizerConfig;
import dev.tokengate.core.config.EnvironmentConfig;
import dev.tokengate.core.verify.HmacKey;
import dev.tokengate.core.verify.KeySource;
import dev.tokengate.core.verify.Reason;
import dev.tokengate.core.verify.TokenVerifier;
import dev.tokengate.core.verify.Verdict;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Tells whether the authorizer would take a principal from a token's claims, so that {@code sign} does not mint a
 * token that is always denied. Core's verifier decides: the claims it reads for the principal are copied into a
 * probe token, signed with a key made for the probe alone, and verified with the authorizer's principal claims
 * ({@code PRINCIPAL_CLAIM}, default {@code sub,userId}). Which claims count, in which order, and which values are
 * refused (blank, too long, not a string or whole number, not plain text) is core's rule, not a copy of it.
 * Immutable and thread-safe.
 */
final class PrincipalCheck {

  /** What the option that skips this check is called, for the messages. */
  static final String OVERRIDE = "--allow-missing-principal";

  /** Long enough for the probe to be valid at the time it is checked for. */
  private static final Duration PROBE_LIFETIME = Duration.ofHours(1);

  private final AuthorizerConfig config;
  private final String probeKey;

  private PrincipalCheck(AuthorizerConfig config, String probeKey) {
    this.config = config;
    this.probeKey = probeKey;
  }

  /**
   * The check for the authorizer configured as the shell says: only {@code PRINCIPAL_CLAIM} is read, the other
   * variables have no bearing on the principal.
   *
   * @param shell the process environment
   * @throws dev.tokengate.core.config.ConfigException when {@code PRINCIPAL_CLAIM} is not a list of claim names
   */
  static PrincipalCheck fromShell(Map<String, String> shell) {
    Map<String, String> principalOnly = new LinkedHashMap<>();
    String principalClaim = shell.get(EnvironmentConfig.PRINCIPAL_CLAIM);
    if (principalClaim != null) {
      principalOnly.put(EnvironmentConfig.PRINCIPAL_CLAIM, principalClaim);
    }
    String probeKey = new SecretGenerator(new SecureRandom())
        .generate(AuthorizerConfig.MIN_SECRET_BYTES, SecretGenerator.Encoding.BASE64URL);
    return new PrincipalCheck(EnvironmentConfig.builder(principalOnly).secret(probeKey).build(), probeKey);
  }

  /** The claims the authorizer tries, in order. */
  List<String> principalClaims() {
    return config.principalClaims();
  }

  /**
   * Why the authorizer would deny a token with these claims for its principal.
   *
   * @param claims the payload the token will have
   * @param now the time the token is minted at
   * @return a one-line message that says how to fix it, or empty when the authorizer would take a principal
   */
  Optional<String> problem(Map<String, Object> claims, Instant now) {
    Map<String, Object> principalClaims = new LinkedHashMap<>();
    for (String name : principalClaims()) {
      if (claims.containsKey(name)) {
        principalClaims.put(name, claims.get(name));
      }
    }
    Optional<Reason> denied = deniedFor(principalClaims, now);
    if (denied.isEmpty()) {
      return Optional.empty();
    }
    if (denied.get() == Reason.MISSING_CLAIM) {
      return Optional.of(missing());
    }
    return Optional.of(refused(denied.get(), culprit(principalClaims, now)));
  }

  /** Why core's verifier denies a probe token holding these claims and an {@code exp}, or empty when it allows. */
  private Optional<Reason> deniedFor(Map<String, Object> principalClaims, Instant now) {
    Map<String, Object> probe = new LinkedHashMap<>();
    probe.put("exp", now.plus(PROBE_LIFETIME).getEpochSecond());
    probe.putAll(principalClaims);
    String token = JWT.create().withPayload(probe)
        .sign(Algorithm.HMAC256(probeKey.getBytes(StandardCharsets.UTF_8)));
    Verdict verdict = TokenVerifier.create(config, KeySource.of(HmacKey.fromSecret(probeKey)),
        Clock.fixed(now, ZoneOffset.UTC)).verify(token);
    return verdict instanceof Verdict.Denied refused ? Optional.of(refused.reason()) : Optional.empty();
  }

  /**
   * The principal claim whose value is refused on its own: usually the one the principal is taken from, but a
   * {@code sub} that is not a string is refused even when another claim would give the principal.
   */
  private String culprit(Map<String, Object> principalClaims, Instant now) {
    for (Map.Entry<String, Object> claim : principalClaims.entrySet()) {
      Map<String, Object> alone = new LinkedHashMap<>();
      alone.put(claim.getKey(), claim.getValue());
      Optional<Reason> denied = deniedFor(alone, now);
      if (denied.isPresent() && denied.get() != Reason.MISSING_CLAIM) {
        return claim.getKey();
      }
    }
    return principalClaims.keySet().stream().findFirst().orElse(principalClaims().get(0));
  }

  private String missing() {
    return "the token has no principal claim, so the authorizer would deny it (" + Reason.MISSING_CLAIM.code()
        + "): it takes the principal from " + where() + " (PRINCIPAL_CLAIM); add " + examples() + ", or give "
        + OVERRIDE + " to mint it anyway";
  }

  private String refused(Reason reason, String claim) {
    return "the authorizer would deny this token (" + reason.code() + "): it refuses the value of the " + claim
        + " claim, which it reads for the principal; a principal is a non-blank string, or a whole number in a"
        + " claim other than sub, of at most 256 characters and without control or bidi characters; fix it, or"
        + " give " + OVERRIDE + " to mint it anyway";
  }

  private String where() {
    List<String> names = principalClaims();
    return names.size() == 1
        ? "the " + names.get(0) + " claim"
        : "the first of " + String.join(", ", names) + " that a token has";
  }

  /** {@code --sub alice} where {@code sub} counts, {@code --claim NAME=...} for the others. */
  private String examples() {
    return principalClaims().stream()
        .map(name -> "sub".equals(name) ? "--sub alice" : "--claim " + name + "=...")
        .collect(Collectors.joining(" or "));
  }
}
