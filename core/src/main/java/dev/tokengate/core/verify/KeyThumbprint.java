package dev.tokengate.core.verify;

import dev.tokengate.core.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The RFC 7638 JWK thumbprint of an HS256 key: the key's identifier that {@code token-cli} writes into
 * {@code kid} by default and that key sources use to pick a key.
 *
 * <p>For a symmetric key the thumbprint is base64url(SHA-256(<code>{"k":"&lt;base64url key&gt;","kty":"oct"}</code>)),
 * the members in lexicographic order with no whitespace (RFC 7638 section 3.2). It reveals nothing usable about
 * the key. Stateless and thread-safe.
 */
public final class KeyThumbprint {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private KeyThumbprint() {}

  /**
   * Computes the thumbprint of a raw key.
   *
   * @param key the key bytes (for tokengate, the UTF-8 bytes of the secret)
   * @return the 43-character base64url thumbprint
   */
  public static String of(byte[] key) {
    String jwk = "{\"k\":\"" + BASE64URL.encodeToString(key) + "\",\"kty\":\"oct\"}";
    return BASE64URL.encodeToString(Sha256.hash(jwk.getBytes(StandardCharsets.US_ASCII)));
  }
}
