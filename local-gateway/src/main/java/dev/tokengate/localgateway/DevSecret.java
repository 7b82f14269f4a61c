package dev.tokengate.localgateway;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * A development key for one local run when the caller configured none, and a token signed with it so that the
 * first curl works. Never meant for anything deployed. Immutable and thread-safe; {@code toString} hides the key.
 */
final class DevSecret {

  static final String SUBJECT = "local-dev";
  static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

  /** One generator for the process: seeding a new one per key costs entropy and buys nothing. */
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String secret;

  private DevSecret(String secret) {
    this.secret = secret;
  }

  /** 48 random bytes, base64url: 64 characters, twice what an HS256 key needs. */
  static DevSecret generate() {
    byte[] key = new byte[48];
    RANDOM.nextBytes(key);
    return new DevSecret(Base64.getUrlEncoder().withoutPadding().encodeToString(key));
  }

  String value() {
    return secret;
  }

  /**
   * An HS256 token for {@value #SUBJECT}, valid for {@link #TOKEN_LIFETIME}.
   *
   * @param issuer the issuer the authorizer requires, if any
   * @param audience the audience(s) it requires, comma-separated, if any
   */
  String mintToken(Optional<String> issuer, Optional<String> audience, Clock clock) {
    Instant now = clock.instant();
    var token = JWT.create().withSubject(SUBJECT).withIssuedAt(now).withExpiresAt(now.plus(TOKEN_LIFETIME));
    issuer.ifPresent(token::withIssuer);
    audience.ifPresent(value -> token.withAudience(
        Arrays.stream(value.split(",")).map(String::trim).filter(part -> !part.isEmpty()).toArray(String[]::new)));
    return token.sign(Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return "DevSecret[redacted]";
  }
}
