package dev.tokengate.cli;

import static dev.tokengate.cli.CliRun.NOW;
import static dev.tokengate.cli.CliRun.cli;
import static dev.tokengate.cli.CliRun.token;
import static dev.tokengate.testing.TestTokens.b64;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InspectCommandTest {

  @Test
  void decodesWithoutAKeyAndSaysNothingWasVerified() {
    CliRun.Result result = cli().run("inspect", "--now", NOW.plusSeconds(18 * 60).toString(), token("--sub", "alice"));

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).startsWith("token-cli inspect: NOT verified").hasLineCount(1);
    assertThat(result.out()).contains("alg  \"HS256\"")
        .contains("sub  \"alice\"")
        .contains("2026-01-01T01:00:00Z  (expires in 42 min)");
  }

  @Test
  void saysHowLongAgoATokenExpired() {
    CliRun.Result result = cli().run("inspect", "--now", NOW.plusSeconds(4 * 3600).toString(), token("--sub", "alice"));

    assertThat(result.out()).contains("(expired 3 h ago)");
  }

  @Test
  void printsJson() {
    CliRun.Result result = cli().run("inspect", "--json", token("--sub", "alice"));

    Map<String, Object> json = Json.parseObject(result.out());
    assertThat(json.get("claims")).isInstanceOf(Map.class);
    assertThat(((Map<?, ?>) json.get("claims")).get("sub")).isEqualTo("alice");
    assertThat(result.err()).contains("NOT verified");
  }

  @Test
  void readsTheTokenFromStdin() {
    assertThat(cli().stdin("Authorization: Bearer " + token("--sub", "alice")).run("inspect", "-").exitCode()).isZero();
  }

  @Test
  void exitsThreeOnATokenThatDoesNotDecode() {
    CliRun.Result result = cli().run("inspect", "aGVhZGVy.cGF5bG9hZA.c2ln");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).isEqualTo("token-cli inspect: malformed token: the header is not one JSON object\n");
  }

  private static final String HEADER = b64("{\"alg\":\"HS256\"}");
  private static final String PAYLOAD = b64("{\"sub\":\"alice\"}");
  /** 32 zero bytes: 43 characters, the last of which carries 2 unused bits. */
  private static final String SIGNATURE = b64(new byte[32]);

  static Stream<Arguments> malformedTokens() {
    return Stream.of(
        Arguments.of(HEADER + "." + PAYLOAD, "expected three dot-separated parts, found 2"),
        Arguments.of(HEADER + "." + b64("{\"p\":\"" + "x".repeat(6200) + "\"}") + "." + SIGNATURE,
            "the token is longer than 8192 characters"),
        Arguments.of(b64("{\"alg\":\"HS256\",\"p\":\"" + "x".repeat(800) + "\"}") + "." + PAYLOAD + "." + SIGNATURE,
            "the header is longer than 1024 characters"),
        Arguments.of(HEADER + "=." + PAYLOAD + "." + SIGNATURE,
            "the header is not strict base64url"),
        Arguments.of(b64(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}) + "." + PAYLOAD
            + "." + SIGNATURE, "the header is not UTF-8"),
        Arguments.of(HEADER + ".." + SIGNATURE, "the payload is empty"),
        Arguments.of(HEADER + "." + b64("{\"sub\":\"alice\",\"sub\":\"admin\"}") + "." + SIGNATURE,
            "the payload is not one JSON object"),
        Arguments.of(HEADER + "." + b64("{\"sub\":\"\\udc00\"}") + "." + SIGNATURE,
            "the payload holds a lone surrogate escape, which is no Unicode text"),
        Arguments.of(HEADER + "." + PAYLOAD + "." + SIGNATURE.substring(0, 42) + "B",
            "the signature is not strict base64url"));
  }

  @ParameterizedTest
  @MethodSource("malformedTokens")
  void exitsThreeSayingWhichPartOfAMalformedTokenIsWrong(String token, String problem) {
    CliRun.Result result = cli().run("inspect", token);

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).isEqualTo("token-cli inspect: malformed token: " + problem + "\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void showsAnIntegerBeyond64BitsThatTheAuthorizerAccepts() {
    String token = HEADER + "." + b64("{\"n\":123456789012345678901234567890}") + "." + SIGNATURE;

    CliRun.Result result = cli().run("inspect", token);

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("n  123456789012345678901234567890");
  }

  @Test
  void exitsThreeOnAnEmptyToken() {
    assertThat(cli().stdin("\n").run("inspect", "-").exitCode()).isEqualTo(3);
  }

  @Test
  void showsControlAndBidiCharactersOfATokenEscapedOneClaimPerLine() {
    CliRun.Result result = cli().run("inspect", HostileTokens.token());

    assertThat(result.exitCode()).isZero();
    HostileTokens.assertNeutralised(result.out());
    // header: alg, typ, kid; claims: sub, nickname, the hostile name, iat, exp: no value breaks a line.
    assertThat(result.out()).hasLineCount(10);
    assertThat(result.out()).contains("kid  \"x\\u001B[1A\\u001B[2Kvalid\\rvalid\\u0000\\u009B31m\\u007F\\ttab"
        + "\\nnewline\"");
    assertThat(result.out()).containsPattern("  nickname +\"admin\\\\u202Enimda")
        .contains("role\\u001B]0;title\\u0007\\u202E  \"x\\u001B[1A");
  }

  @Test
  void printsControlAndBidiCharactersAsExactJson() {
    CliRun.Result result = cli().run("inspect", "--json", HostileTokens.token());

    Map<String, Object> json = Json.parseObject(result.out());
    assertThat(json.get("header")).isEqualTo(HostileTokens.header());
    assertThat(json.get("claims")).isEqualTo(HostileTokens.claims());
  }
}
