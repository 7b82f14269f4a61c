package dev.tokengate.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

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
          assertThat(Base64Url.decode(segment).map(Arrays::toString))
              .as(segment)
              .isEqualTo(reEncodingOracle(segment).map(Arrays::toString));
        }
      }
    }
  }

  @Test
  void refusesEmptyPaddedAndForeignCharacters() {
    assertThat(Base64Url.decode("")).isEmpty();
    assertThat(Base64Url.decode("QQ==")).isEmpty();
    assertThat(Base64Url.decode("Q+E")).isEmpty();
    assertThat(Base64Url.decode("Q E")).isEmpty();
    assertThat(Base64Url.decode("QQ")).hasValueSatisfying(bytes -> assertThat(bytes).containsExactly('A'));
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
}
