package dev.tokengate.cli;

/**
 * Makes untrusted text (what a token says) safe to print for people: every control character (C0, DEL, C1),
 * line and paragraph separator and Unicode bidi control becomes a {@code \u001B}-style escape, so a token can
 * neither move the cursor, rewrite what was printed, break a line nor reorder it on screen. Printable text,
 * backslashes included, is left as it is: the escaped form is for reading, {@code --json} gives the exact
 * values. Stateless and thread-safe.
 */
final class TerminalText {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private TerminalText() {}

  /** The text with every character a terminal would act on replaced by {@code \}{@code uXXXX}. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (acts(c)) {
        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
            .append(HEX[c & 0xF]);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Whether a terminal would act on the character instead of showing it. */
  static boolean acts(char c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) // C0, DEL, C1 (ESC, CR, NUL, CSI ...)
        || c == '\u2028' || c == '\u2029' // line and paragraph separators
        || c == '\u061C' || c == '\u200E' || c == '\u200F' // bidi marks
        || (c >= '\u202A' && c <= '\u202E') // bidi embeddings and overrides
        || (c >= '\u2066' && c <= '\u2069'); // bidi isolates
  }
}
