package dev.tokengate.core.verify;

import com.auth0.jwt.algorithms.Algorithm;
import dev.tokengate.core.config.AuthorizerConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * One HS256 verification key with its RFC 7638 thumbprint. Built once (at init or when a key source refreshes),
 * then shared.
 *
 * <p>{@link #toString()} shows only the thumbprint. Immutable and thread-safe.
 */
public final class HmacKey {

  private final String thumbprint;
  /** java-jwt's HMAC-SHA256, which draws a fresh JCE {@code Mac} for each signature it computes. */
  private final Algorithm algorithm;

  private HmacKey(byte[] key) {
    this.thumbprint = KeyThumbprint.of(key);
    this.algorithm = Algorithm.HMAC256(key);
  }

  /**
   * Makes a key from a secret's exact UTF-8 bytes (never trimmed or re-encoded).
   *
   * @param secret the secret
   * @return the key
   * @throws IllegalArgumentException when the secret is shorter than {@value AuthorizerConfig#MIN_SECRET_BYTES}
   *     bytes; the message never contains the secret
   */
  public static HmacKey fromSecret(String secret) {
    byte[] key = secret.getBytes(StandardCharsets.UTF_8);
    if (key.length < AuthorizerConfig.MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("an HS256 key needs at least " + AuthorizerConfig.MIN_SECRET_BYTES
          + " bytes, this one has " + key.length);
    }
    return new HmacKey(key);
  }

  /** {@return the key's RFC 7638 thumbprint, what {@code kid} carries when {@code token-cli} signs with it} */
  public String thumbprint() {
    return thumbprint;
  }

  /**
   * Whether {@code signature} is this key's HMAC-SHA256 of {@code signingInput}: java-jwt computes the MAC, and
   * {@link MessageDigest#isEqual} compares it in constant time.
   *
   * @throws com.auth0.jwt.exceptions.SignatureGenerationException only if the platform lacks HmacSHA256
   */
  boolean isSignatureOf(byte[] signingInput, byte[] signature) {
    return MessageDigest.isEqual(algorithm.sign(signingInput), signature);
  }

  @Override
  public String toString() {
    return "HmacKey[thumbprint=" + thumbprint + "]";
  }
}
