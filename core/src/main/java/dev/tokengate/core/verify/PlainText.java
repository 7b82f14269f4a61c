package dev.tokengate.core.verify;

/**
 * Which characters are not plain text: every control character (C0, DEL, C1: CR, LF, NUL, ESC...), the line and
 * paragraph separators (U+2028, U+2029) and the bidirectional formatting characters (the Unicode Bidi_Control set:
 * U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069). Such a character lets a value break a log line or a
 * header, move a terminal's cursor, or display as something it is not. The verifier refuses them in a principal and
 * leaves context values holding them out; {@code token-cli} shows them escaped. Stateless and thread-safe.
 */
public final class PlainText {

  private PlainText() {}

  /**
   * Whether a string holds none of the characters above.
   *
   * @param text any string
   * @return true when every character is plain
   */
  public static boolean isPlain(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isNotPlain(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a character is one a reader (a terminal, a log or header parser) acts on instead of showing.
   *
   * @param c any character
   * @return true for the control, separator and bidi characters listed above
   */
  public static boolean isNotPlain(char c) {
    return Character.isISOControl(c)
        || c == '\u2028' || c == '\u2029' // line and paragraph separators
        || c == '\u061C' || c == '\u200E' || c == '\u200F' // bidi marks
        || (c >= '\u202A' && c <= '\u202E') // bidi embeddings and overrides
        || (c >= '\u2066' && c <= '\u2069'); // bidi isolates
  }
}
