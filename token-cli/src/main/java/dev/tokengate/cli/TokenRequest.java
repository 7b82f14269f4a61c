package dev.tokengate.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a token should say, as the user asked for it. {@link Signer} turns it into claims.
 *
 * @param now the issue time
 * @param claims claims from {@code --claims-file} and {@code --claim}, in that order; the options below win
 * @param subject {@code sub}
 * @param issuer {@code iss}
 * @param audience {@code aud}: a string for one, an array for several, absent for none
 * @param expiresIn {@code exp - now}; when absent, a {@code exp} among the claims stays, else one hour
 * @param notBefore {@code nbf}
 * @param issuedAt whether to set {@code iat} (to now, unless the claims have one)
 * @param jwtId {@code jti}
 * @param keyId the {@code kid} header; when absent, the key's RFC 7638 thumbprint
 */
record TokenRequest(
    Instant now,
    Map<String, Object> claims,
    Optional<String> subject,
    Optional<String> issuer,
    List<String> audience,
    Optional<Duration> expiresIn,
    Optional<Instant> notBefore,
    boolean issuedAt,
    Optional<String> jwtId,
    Optional<String> keyId) {

  TokenRequest {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(claims, "claims");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(issuer, "issuer");
    audience = List.copyOf(audience);
    Objects.requireNonNull(expiresIn, "expiresIn");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(jwtId, "jwtId");
    Objects.requireNonNull(keyId, "keyId");
  }
}
