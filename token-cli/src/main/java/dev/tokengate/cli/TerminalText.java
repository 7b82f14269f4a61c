package dev.tokengate.cli;

import dev.tokengate.core.verify.PlainText;
import java.util.HexFormat;

/**
 * Makes untrusted text (what a token says) safe to print for people: every character that is not
 * {@link PlainText plain text} (control characters, line and paragraph separators, Unicode bidi controls) becomes
 * a {@code \u001B}-style escape, so a token can neither move the cursor, rewrite what was printed, break a line
 * nor reorder it on screen. Printable text, backslashes included, is left as it is: the escaped form is for
 * reading, {@code --json} gives the exact values. Stateless and thread-safe.
 */
final class TerminalText {

  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private TerminalText() {}

  /** The text with every character a terminal would act on replaced by {@code \}{@code uXXXX}. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (PlainText.isNotPlain(c)) {
        out.append("\\u").append(HEX.toHexDigits(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
