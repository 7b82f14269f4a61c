package dev.tokengate.core.jws;

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

  private Base64Url() {}

  static boolean isAlphabet(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  }

  /**
   * Decodes {@code text[from..to)}, the bytes of a segment as {@link String#getBytes} with ISO-8859-1 gives them
   * (a character beyond that charset becomes {@code ?}, which is no base64url character).
   *
   * @return the bytes, or empty unless the segment is non-empty canonical unpadded base64url
   */
  static Optional<byte[]> decode(byte[] text, int from, int to) {
    int length = to - from;
    if (length == 0 || text[to - 1] == '=') {
      return Optional.empty();
    }
    if ((sextet((char) text[to - 1]) & unusedBitsMask(length)) != 0) {
      return Optional.empty();
    }
    try {
      // The JDK's URL-safe decoder refuses every byte outside the alphabet, a length of 4n+1, and '=' anywhere
      // but in padding, which cannot end a segment here (checked above).
      return Optional.of(DECODER.decode(Arrays.copyOfRange(text, from, to)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The bits of the last character that carry no data: with 2 characters in the last quantum, 12 bits encode one
   * byte and the low 4 are unused; with 3, 18 bits encode two bytes and the low 2 are unused (RFC 4648 3.5).
   */
  private static int unusedBitsMask(int length) {
    return switch (length % 4) {
      case 2 -> 0x0F;
      case 3 -> 0x03;
      default -> 0;
    };
  }

  /** The 6-bit value of a base64url character. */
  private static int sextet(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '-' ? 62 : 63;
  }
}
