package dev.tokengate.cli;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.tokengate.core.verify.KeyThumbprint;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mints HS256 tokens with Auth0 java-jwt, keyed exactly as the authorizer verifies: the secret's UTF-8 bytes.
 * The {@code kid} defaults to the key's RFC 7638 thumbprint, which the authorizer uses to pick the key during a
 * rotation. Immutable and thread-safe.
 */
final class Signer {

  /** The lifetime of a token when neither {@code --expires-in} nor an {@code exp} claim says otherwise. */
  static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

  private final Algorithm algorithm;
  private final String thumbprint;

  /**
   * A signer for one key.
   *
   * @throws WeakKeyException when the key is shorter than the authorizer accepts
   */
  Signer(Secret secret) {
    byte[] key = secret.requireStrong().keyBytes();
    this.algorithm = Algorithm.HMAC256(key);
    this.thumbprint = KeyThumbprint.of(key);
  }

  /** Signs the claims the request describes and returns the compact token. */
  String sign(TokenRequest request) {
    return JWT.create()
        .withKeyId(request.keyId().orElse(thumbprint))
        .withPayload(claims(request))
        .sign(algorithm);
  }

  /**
   * The payload: the given claims, overridden by the options, then the defaults for {@code exp} and
   * {@code iat}. Registered claims come first, for readability.
   */
  static Map<String, Object> claims(TokenRequest request) {
    long now = request.now().getEpochSecond();
    Map<String, Object> registered = new LinkedHashMap<>();
    Map<String, Object> given = new LinkedHashMap<>(request.claims());
    request.issuer().ifPresent(iss -> registered.put("iss", iss));
    request.subject().ifPresent(sub -> registered.put("sub", sub));
    if (request.audience().size() == 1) {
      registered.put("aud", request.audience().get(0));
    } else if (!request.audience().isEmpty()) {
      registered.put("aud", request.audience());
    }
    if (request.issuedAt() && !given.containsKey("iat")) {
      registered.put("iat", now);
    } else if (!request.issuedAt()) {
      given.remove("iat");
    }
    request.notBefore().ifPresent(nbf -> registered.put("nbf", nbf.getEpochSecond()));
    if (request.expiresIn().isPresent()) {
      registered.put("exp", now + request.expiresIn().get().getSeconds());
    } else if (!given.containsKey("exp")) {
      registered.put("exp", now + DEFAULT_LIFETIME.getSeconds());
    }
    request.jwtId().ifPresent(jti -> registered.put("jti", jti));
    given.keySet().removeAll(registered.keySet());
    registered.putAll(given);
    return registered;
  }
}
