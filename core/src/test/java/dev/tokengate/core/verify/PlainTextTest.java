package dev.tokengate.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainTextTest {

  @ParameterizedTest
  @ValueSource(strings = {"alice", "a b", "\u00e9\u0430\u4e2d", "\ud83d\ude00", "\u200d",
      "\u2027\u202f\u2065\u206a\u061b\u061d", "\u200d\u2010"})
  void acceptsPrintableTextAsPlain(String text) {
    assertThat(PlainText.isPlain(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\r", "a\n", "\u0000", "\u001b", "\u001f", "\u007f", "\u0080", "\u009f", "\u2028", "\u2029",
      "\u061c", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
      "\u2069"})
  void refusesControlSeparatorAndBidiCharacters(String text) {
    assertThat(PlainText.isPlain("x" + text + "y")).isFalse();
  }
}
