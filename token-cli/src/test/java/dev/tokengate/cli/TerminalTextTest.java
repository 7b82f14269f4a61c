package dev.tokengate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

  @Test
  void escapesEveryC0AndC1ControlAndDelete() {
    for (char c = 0; c <= 0x9F; c++) {
      boolean control = c < 0x20 || c >= 0x7F;
      assertThat(TerminalText.escape("a" + c + "b"))
          .isEqualTo(control ? String.format("a\\u%04Xb", (int) c) : "a" + c + "b");
    }
  }

  @Test
  void escapesBidiControlsAndLineSeparators() {
    assertThat(TerminalText.escape("\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u2028\u2029"))
        .isEqualTo("\\u061C\\u200E\\u200F\\u202A\\u202B\\u202C\\u202D\\u202E\\u2066\\u2067\\u2068\\u2069\\u2028\\u2029");
  }

  @Test
  void leavesPrintableTextAlone() {
    String text = "alice@example.com \\u001B é ß 日本 😀 \u00A0 \u200D \u2065 \u206A \u2027 \u202F";
    assertThat(TerminalText.escape(text)).isEqualTo(text);
  }
}
