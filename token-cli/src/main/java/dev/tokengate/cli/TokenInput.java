package dev.tokengate.cli;

import dev.tokengate.authorizer.BearerToken;
import java.io.InputStream;
import java.util.Locale;

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
      throw new InputException("malformed token: expected header.payload.signature, three base64url parts"
          + " (A-Z a-z 0-9 - _) joined by dots, with no spaces or padding");
    }
    return token;
  }

  private static String withoutScheme(String text) {
    String rest = text;
    if (rest.toLowerCase(Locale.ROOT).startsWith(HEADER)) {
      rest = rest.substring(HEADER.length()).strip();
    }
    String lower = rest.toLowerCase(Locale.ROOT);
    if (lower.startsWith(SCHEME)) {
      rest = rest.substring(SCHEME.length()).strip();
    } else if (lower.equals(SCHEME.strip())) {
      rest = "";
    }
    return rest;
  }
}
