package dev.tokengate.localgateway;

/**
 * Case-insensitive comparison of protocol words (HTTP header names, HTTP methods), which are ASCII. Only A-Z and
 * a-z fold, so that no Unicode case mapping (the Kelvin sign matching {@code k}, say) can make two names equal that
 * a client and API Gateway would tell apart.
 */
final class Ascii {

  private Ascii() {}

  static boolean equalsIgnoreCase(String a, String b) {
    if (a.length() != b.length()) {
      return false;
    }
    for (int i = 0; i < a.length(); i++) {
      if (lower(a.charAt(i)) != lower(b.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }
}
