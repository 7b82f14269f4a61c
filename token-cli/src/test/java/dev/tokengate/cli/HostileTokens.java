package dev.tokengate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokengate.testing.TestTokens;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Tokens, signed with the test key, whose header and claims try to take over the terminal that shows them. */
final class HostileTokens {

  /** Up a line, erase it, print "valid": what an attacker would show over "rejected". CR, NUL, C1 CSI, DEL too. */
  static final String OVERPRINT = "x\u001b[1A\u001b[2Kvalid\rvalid\u0000\u009b31m\u007f\ttab\nnewline";
  /** Right-to-left override and isolates, which reorder what follows on screen; U+2028 breaks lines. */
  static final String BIDI = "admin\u202Enimda\u2066\u2069\u200E\u200F\u061C\u202A\u2028end";
  static final String NAME = "role\u001b]0;title\u0007\u202E";

  /** Any character a terminal acts on, except the line feeds that end printed lines. */
  static final Pattern RAW_CONTROL =
      Pattern.compile("[\\x00-\\x09\\x0B-\\x1F\\x7F-\\x9F\\u061C\\u200E\\u200F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]");

  private HostileTokens() {}

  static Map<String, Object> header() {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "HS256");
    header.put("typ", "JWT");
    header.put("kid", OVERPRINT);
    return header;
  }

  /** Valid at {@link CliRun#NOW} for {@link CliRun#SECRET}, with a plain {@code sub} as principal. */
  static Map<String, Object> claims() {
    Map<String, Object> claims = new LinkedHashMap<>();
    // The verifier refuses a principal with control or bidi characters, so they ride in another claim.
    claims.put("sub", "alice");
    claims.put("nickname", BIDI);
    claims.put(NAME, OVERPRINT);
    claims.put("iat", CliRun.NOW.getEpochSecond() - 60);
    claims.put("exp", CliRun.NOW.getEpochSecond() + 3600);
    return claims;
  }

  static String token() {
    return TestTokens.sign(Json.compact(header()), Json.compact(claims()), CliRun.SECRET);
  }

  /** A token the test key did not sign, with the same content. */
  static String forged() {
    return TestTokens.sign(Json.compact(header()), Json.compact(claims()), TestTokens.OTHER_SECRET);
  }

  /** No raw control or bidi character, and the hostile text shown escaped. */
  static void assertNeutralised(String humanOutput) {
    assertThat(RAW_CONTROL.matcher(humanOutput).find()).as("a raw control character in:%n%s", humanOutput).isFalse();
    assertThat(humanOutput).contains("\\u001B[1A").contains("\\u202E").doesNotContain("\u2029");
  }
}
