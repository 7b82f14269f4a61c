package dev.tokengate.cli;

import dev.tokengate.core.jws.BearerToken;
import dev.tokengate.core.jws.StrictJws;
import java.io.InputStream;

/**
 * Takes the token argument of {@code verify}, {@code inspect} and {@code authorize}: a bare token, a
 * {@code Bearer ...} header value or a whole {@code Authorization: Bearer ...} line (what {@code sign --format
 * header} prints), given as the argument or, with {@code -}, on stdin. Stateless.
 */
final class TokenInput {

  private static final String HEADER = "authorization:";
  private static final String SCHEME = "bearer ";

  private TokenInput() {}

  /**
   * Reads the argument ({@code -} means stdin) and returns the bare compact token.
   *
   * @throws InputException when there is no token or it is not three base64url parts joined by dots (which the
   *     authorizer answers with 401); the message never contains the token
   */
  static String read(String argument, InputStream stdin) {
    String text = "-".equals(argument) ? Inputs.readStdin(stdin, "the token on stdin") : argument;
    String token = withoutScheme(text.strip());
    if (token.isEmpty()) {
      throw new InputException("empty token: pass the token as an argument, or '-' and pipe it on stdin");
    }
    if (BearerToken.parse("Bearer " + token).isEmpty()) {
      throw new InputException("malformed token: " + problem(token));
    }
    return token;
  }

  /**
   * Which part is wrong, from the strict parser, which refuses every token {@link BearerToken} refuses (and more,
   * which the commands report after this check).
   */
  private static String problem(String token) {
    if (StrictJws.decodeForDisplay(token) instanceof StrictJws.Decoded.Malformed malformed) {
      return malformed.problem();
    }
    return "expected header.payload.signature, three base64url parts (A-Z a-z 0-9 - _) joined by dots";
  }

  private static String withoutScheme(String text) {
    String rest = text;
    if (startsWithIgnoreCase(rest, HEADER)) {
      rest = rest.substring(HEADER.length()).strip();
    }
    if (startsWithIgnoreCase(rest, SCHEME)) {
      rest = rest.substring(SCHEME.length()).strip();
    } else if (rest.length() == SCHEME.strip().length() && startsWithIgnoreCase(rest, SCHEME.strip())) {
      rest = "";
    }
    return rest;
  }

  /** Case-insensitive without case mapping, so no locale or Unicode folding can make another prefix match. */
  static boolean startsWithIgnoreCase(String text, String prefix) {
    return text.regionMatches(true, 0, prefix, 0, prefix.length());
  }
}
