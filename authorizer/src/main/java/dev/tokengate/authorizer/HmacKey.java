package dev.tokengate.authorizer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One HS256 verification key with its RFC 7638 thumbprint. Built once (at init or when a key source refreshes),
 * then shared.
 *
 * <p>{@link #toString()} shows only the thumbprint. Immutable and thread-safe (each thread has its own {@link Mac}).
 */
public final class HmacKey {

  private static final String HMAC_SHA256 = "HmacSHA256";

  private final String thumbprint;
  private final SecretKeySpec macKey;
  /**
   * One initialized JCE {@code Mac} per thread, reused: getting and initializing a {@code Mac} per verification
   * (what java-jwt's {@code Algorithm} does) cost more than the HMAC itself. Lambda runs one thread per instance.
   */
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  private HmacKey(byte[] key) {
    this.thumbprint = KeyThumbprint.of(key);
    this.macKey = new SecretKeySpec(key, HMAC_SHA256);
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

  /** The key's RFC 7638 thumbprint, what {@code kid} carries when {@code token-cli} signs with it. */
  public String thumbprint() {
    return thumbprint;
  }

  /**
   * Whether {@code signature} is this key's HMAC-SHA256 of {@code signingInput}, computed by the JCE and compared
   * in constant time by {@link MessageDigest#isEqual}.
   */
  boolean isSignatureOf(byte[] signingInput, byte[] signature) {
    return MessageDigest.isEqual(macs.get().doFinal(signingInput), signature);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(HMAC_SHA256);
      mac.init(macKey);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform must provide HmacSHA256", e);
    }
  }

  @Override
  public String toString() {
    return "HmacKey[thumbprint=" + thumbprint + "]";
  }
}
