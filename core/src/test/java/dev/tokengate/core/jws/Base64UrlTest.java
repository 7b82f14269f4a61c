package dev.tokengate.core.jws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Base64Url} accepts exactly the canonical spellings: those that re-encode to themselves. */
class Base64UrlTest {

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  @Test
  void acceptsALastCharacterExactlyWhenReEncodingGivesItBack() {
    Random random = new Random(4648L);
    for (int length = 1; length <= 12; length++) {
      for (int trial = 0; trial < 20; trial++) {
        char[] prefix = new char[length - 1];
        for (int i = 0; i < prefix.length; i++) {
          prefix[i] = ALPHABET.charAt(random.nextInt(64));
        }
        for (char last : ALPHABET.toCharArray()) {
          String segment = new String(prefix) + last;
          assertThat(decode(segment).map(Arrays::toString))
              .as(segment)
              .isEqualTo(reEncodingOracle(segment).map(Arrays::toString));
        }
      }
    }
  }

  @Test
  void refusesEmptyPaddedAndForeignCharacters() {
    assertThat(decode("")).isEmpty();
    assertThat(decode("QQ==")).isEmpty();
    assertThat(decode("Q+E")).isEmpty();
    assertThat(decode("Q E")).isEmpty();
    assertThat(decode("QQ")).hasValueSatisfying(bytes -> assertThat(bytes).containsExactly('A'));
  }

  @Test
  void decodesOnlyTheGivenRangeOfTheToken() {
    byte[] token = "QQ.QUI.QUJD".getBytes(StandardCharsets.ISO_8859_1);

    assertThat(Base64Url.decode(token, 3, 6))
        .hasValueSatisfying(bytes -> assertThat(bytes).containsExactly('A', 'B'));
    assertThat(Base64Url.decode(token, 2, 6)).isEmpty();
  }

  /**
   * Decodes a segment as the verifier meets it: a range of a token's ISO-8859-1 bytes, here between two other
   * segments (a character beyond ISO-8859-1 becomes {@code ?}).
   */
  private static Optional<byte[]> decode(String segment) {
    byte[] token = ("eyJ9." + segment + ".c2ln").getBytes(StandardCharsets.ISO_8859_1);
    return Base64Url.decode(token, 5, token.length - 5);
  }

  /** The rule as first written: decode leniently, then require that encoding gives the input back. */
  private static Optional<byte[]> reEncodingOracle(String segment) {
    if (segment.length() % 4 == 1) {
      return Optional.empty();
    }
    byte[] bytes = Base64.getUrlDecoder().decode(segment);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(segment)
        ? Optional.of(bytes) : Optional.empty();
  }

  @Test
  void alphabetIsExactlyTheUrlSafeCharactersOfRfc4648() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (char c = 0; c < 256; c++) {
      assertThat(Base64Url.isAlphabet(c)).as("character %d", (int) c).isEqualTo(alphabet.indexOf(c) >= 0);
    }
  }

  @Test
  void readsTheUnusedBitsOfEveryLastCharacterByItsValue() {
    // With two characters, only the 4 characters whose value is a multiple of 16 leave the unused bits zero.
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int value = 0; value < 64; value++) {
      byte[] segment = ("A" + alphabet.charAt(value)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      assertThat(Base64Url.decode(segment, 0, 2).isPresent()).as("A%s", alphabet.charAt(value))
          .isEqualTo(value % 16 == 0);
    }
  }
}
