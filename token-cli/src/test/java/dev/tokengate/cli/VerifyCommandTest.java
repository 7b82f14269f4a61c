package dev.tokengate.cli;

import static dev.tokengate.cli.CliRun.NOW;
import static dev.tokengate.cli.CliRun.SECRET;
import static dev.tokengate.cli.CliRun.cli;
import static dev.tokengate.cli.CliRun.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifyCommandTest {

  private static final String LATER = NOW.plusSeconds(20 * 60).toString();

  private static CliRun.Result verify(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "verify";
    all[1] = "--now";
    all[2] = LATER;
    System.arraycopy(args, 0, all, 3, args.length);
    return cli().env("JWT_SECRET", SECRET).run(all);
  }

  @Test
  void printsTheVerdictAndClaimsWithDatesAndExitsZero() {
    CliRun.Result result = verify(token("--sub", "alice"));

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("valid:")
        .contains("principal: alice")
        .contains("exp  " + (NOW.getEpochSecond() + 3600) + "  2026-01-01T01:00:00Z  (expires in 40 min)")
        .contains("iat  " + NOW.getEpochSecond() + "  2026-01-01T00:00:00Z  (issued 20 min ago)");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void masksTheUsageIdentifierClaimInTheClaimsItPrints() {
    String key = "clientKey0123456789abcdef";
    String token = token("--sub", "alice", "--claim", "api_key=" + key);
    CliRun usage = cli().env("JWT_SECRET", SECRET).env("USAGE_IDENTIFIER_CLAIM", "api_key");

    CliRun.Result text = usage.run("verify", "--now", LATER, token);
    CliRun.Result json = usage.run("verify", "--now", LATER, "--json", token);
    CliRun.Result rejected = usage.run("verify", "--now", NOW.plusSeconds(7200).toString(), token);

    assertThat(text.exitCode()).isZero();
    assertThat(text.out()).contains("api_key  \"clie... (25 characters)\"").doesNotContain(key);
    assertThat(json.out()).contains("\"api_key\": \"clie... (25 characters)\"").doesNotContain(key);
    assertThat(rejected.out()).contains("rejected: token_expired").contains("clie... (25 characters)")
        .doesNotContain(key);
    assertThat(verify(token).out()).contains(key);
  }

  @Test
  void acceptsABearerHeaderValue() {
    assertThat(verify("Bearer " + token("--sub", "alice")).exitCode()).isZero();
  }

  @Test
  void readsTheTokenFromStdin() {
    CliRun.Result result = cli().env("JWT_SECRET", SECRET).stdin(token("--sub", "alice") + "\n")
        .run("verify", "--now", LATER, "-");

    assertThat(result.exitCode()).isZero();
  }

  @Test
  void readsStdinWhenTheTokenIsOmittedAndStdinIsPiped() {
    CliRun.Result result = cli().env("JWT_SECRET", SECRET).stdin(token("--sub", "alice"))
        .run("verify", "--now", LATER);

    assertThat(result.exitCode()).isZero();
  }

  @Test
  void asksForTheTokenWhenOmittedOnATerminal() {
    CliRun.Result result = cli().env("JWT_SECRET", SECRET).terminal(prompt -> null).run("verify");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("no token");
  }

  @Test
  void rejectsAnExpiredTokenWithTheAuthorizersReasonAndExitsOne() {
    CliRun.Result result = verify(token("--sub", "alice", "--expires-in", "5m"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).startsWith("rejected: token_expired (token expired)")
        .contains("NOT trusted")
        .contains("(expired 15 min ago)");
  }

  @Test
  void rejectsATokenSignedWithAnotherKey() {
    CliRun.Result result = cli().env("JWT_SECRET", "another-key-of-at-least-thirty-two-bytes!")
        .run("verify", token("--sub", "alice"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).startsWith("rejected: invalid_signature");
  }

  @Test
  void appliesTheAuthorizersIssuerVariable() {
    String token = token("--sub", "alice", "--iss", "https://a.example");

    assertThat(cli().env("JWT_SECRET", SECRET).env("JWT_ISSUER", "https://b.example")
        .run("verify", "--now", LATER, token).out()).startsWith("rejected: invalid_claim");
    assertThat(cli().env("JWT_SECRET", SECRET).env("JWT_ISSUER", "https://b.example")
        .run("verify", "--now", LATER, "--iss", "https://a.example", token).exitCode()).isZero();
  }

  @Test
  void appliesTheAudienceAndMaximumAgeOptions() {
    String token = token("--sub", "alice", "--aud", "api");

    assertThat(verify("--aud", "other", token).out()).startsWith("rejected: invalid_claim");
    assertThat(verify("--aud", "api", token).exitCode()).isZero();
    assertThat(verify("--max-age", "5m", token).out()).startsWith("rejected: token_too_old");
  }

  @Test
  void appliesTheLeeway() {
    String token = token("--sub", "alice", "--expires-in", "19m30s");

    assertThat(verify(token).exitCode()).isZero();
    assertThat(verify("--leeway", "0s", token).exitCode()).isEqualTo(1);
  }

  @Test
  void printsJsonForScripts() {
    Map<String, Object> valid = Json.parseObject(verify("--json", token("--sub", "alice")).out());
    Map<String, Object> rejected =
        Json.parseObject(verify("--json", token("--sub", "alice", "--expires-in", "1m")).out());

    assertThat(valid).containsEntry("valid", true).containsEntry("principal", "alice").containsKey("claims");
    assertThat(rejected).containsEntry("valid", false).containsEntry("reason", "token_expired")
        .containsEntry("message", "token expired");
  }

  @Test
  void exitsThreeOnAnEmptyToken() {
    CliRun.Result result = verify("");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).isEqualTo("token-cli verify: empty token: pass the token as an argument, or '-' and"
        + " pipe it on stdin\n");
  }

  @Test
  void exitsThreeOnAMalformedToken() {
    CliRun.Result result = verify("not-a-token");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).startsWith("token-cli verify: malformed token").hasLineCount(1);
  }

  @Test
  void rejectsAWellShapedTokenThatIsNotJsonAsTheAuthorizerDoes() {
    CliRun.Result result = verify("aGVhZGVy.cGF5bG9hZA.c2ln");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).startsWith("rejected: malformed_token");
  }

  @Test
  void exitsFourOnAWeakKey() {
    CliRun.Result result = cli().env("JWT_SECRET", "short").run("verify", token("--sub", "alice"));

    assertThat(result.exitCode()).isEqualTo(4);
  }

  @Test
  void exitsThreeOnABadConfigurationVariableNamingIt() {
    CliRun.Result result =
        cli().env("JWT_SECRET", SECRET).env("JWT_LEEWAY_SECONDS", "1m").run("verify", token("--sub", "alice"));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("JWT_LEEWAY_SECONDS").hasLineCount(1);
  }

  @Test
  void exitsTwoWhenStdinWouldFeedTokenAndSecret() {
    CliRun.Result result = cli().stdin(SECRET).run("verify", "--secret-stdin", "-");

    assertThat(result.exitCode()).isEqualTo(2);
  }

  @Test
  void neverPrintsTheSecret() {
    CliRun.Result result = verify("--json", token("--sub", "alice"));

    assertThat(result.out() + result.err()).doesNotContain(SECRET);
  }

  @Test
  void showsControlAndBidiCharactersOfAValidTokenEscaped() {
    CliRun.Result result = cli().env("JWT_SECRET", SECRET).run("verify", HostileTokens.token());

    assertThat(result.exitCode()).isZero();
    HostileTokens.assertNeutralised(result.out());
    // valid, principal, kid, claims: and five claims.
    assertThat(result.out()).hasLineCount(9)
        .contains("principal: alice\n")
        .contains("admin\\u202Enimda\\u2066\\u2069\\u200E\\u200F\\u061C\\u202A\\u2028end")
        .contains("kid: x\\u001B[1A\\u001B[2Kvalid\\u000Dvalid\\u0000\\u009B31m\\u007F\\u0009tab"
            + "\\u000Anewline\n");
  }

  @Test
  void showsControlAndBidiCharactersOfARejectedTokenEscaped() {
    CliRun.Result result = cli().env("JWT_SECRET", SECRET).run("verify", HostileTokens.forged());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).startsWith("rejected: invalid_signature");
    HostileTokens.assertNeutralised(result.out());
    assertThat(result.out()).hasLineCount(7);
  }

  @Test
  void printsControlAndBidiCharactersAsExactJson() {
    Map<String, Object> json = Json.parseObject(
        cli().env("JWT_SECRET", SECRET).run("verify", "--json", HostileTokens.token()).out());

    assertThat(json).containsEntry("principal", "alice").containsEntry("kid", HostileTokens.OVERPRINT)
        .containsEntry("claims", HostileTokens.claims());
  }
}
