package dev.tokengate.authorizer;

import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Strict base64url (RFC 7515 section 2 and appendix C): the URL-safe alphabet only, no padding, no whitespace,
 * and canonical, i.e. the unused low bits of the last character are zero.
 *
 * <p>The JDK decoder (which java-jwt uses) also accepts {@code =} padding and non-zero unused bits, so one
 * signature has several spellings; a token must have exactly one. Stateless and thread-safe.
 */
final class Base64Url {

  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private Base64Url() {}

  static boolean isAlphabet(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  }

  /**
   * Decodes a segment.
   *
   * @return the bytes, or empty unless the segment is non-empty canonical unpadded base64url
   */
  static Optional<byte[]> decode(String segment) {
    if (segment.isEmpty() || segment.length() % 4 == 1) {
      return Optional.empty();
    }
    for (int i = 0; i < segment.length(); i++) {
      if (!isAlphabet(segment.charAt(i))) {
        return Optional.empty();
      }
    }
    byte[] bytes = DECODER.decode(segment);
    // Re-encoding gives back the input only when the unused trailing bits were zero.
    if (!Arrays.equals(ENCODER.encode(bytes), segment.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    return Optional.of(bytes);
  }
}
