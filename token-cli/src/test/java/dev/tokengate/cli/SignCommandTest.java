package dev.tokengate.cli;

import static dev.tokengate.cli.CliRun.NOW;
import static dev.tokengate.cli.CliRun.SECRET;
import static dev.tokengate.cli.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignCommandTest {

  @TempDir Path dir;

  private static CliRun.Result sign(String... args) {
    return cli().env("JWT_SECRET", SECRET).run(prepend("sign", "--now", NOW.toString(), args));
  }

  private static String[] prepend(String a, String b, String c, String... rest) {
    String[] all = new String[rest.length + 3];
    all[0] = a;
    all[1] = b;
    all[2] = c;
    System.arraycopy(rest, 0, all, 3, rest.length);
    return all;
  }

  private static Map<String, Object> claims(CliRun.Result result) {
    return DecodedToken.decode(result.line()).claims();
  }

  @Test
  void printsOnlyTheTokenAndALineBreak() {
    CliRun.Result result = sign("--sub", "alice");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\n");
    assertThat(result.err()).isEmpty();
    assertThat(claims(result)).containsEntry("sub", "alice")
        .containsEntry("iat", NOW.getEpochSecond())
        .containsEntry("exp", NOW.getEpochSecond() + 3600);
  }

  @Test
  void refusesATokenWithoutAPrincipalAndSaysHowToGiveOne() {
    CliRun.Result result = sign();

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).hasLineCount(1)
        .startsWith("token-cli sign: the token has no principal claim, so the authorizer would deny it"
            + " (missing_claim): it takes the principal from the first of sub, userId that a token has"
            + " (PRINCIPAL_CLAIM); add --sub alice or --claim userId=..., or give --allow-missing-principal to mint"
            + " it anyway; see 'token-cli sign --help'");
  }

  @Test
  void refusesAMissingPrincipalBeforeAskingForTheSecret() {
    CliRun.Result result = cli().terminal(prompt -> {
      throw new AssertionError("asked for the secret");
    }).run("sign");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("missing_claim");
  }

  @Test
  void mintsATokenWithoutAPrincipalWhenAskedToAndVerifyDeniesIt() {
    CliRun.Result result = sign("--allow-missing-principal");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(claims(result)).doesNotContainKeys("sub", "userId");
    assertThat(cli().env("JWT_SECRET", SECRET).run("verify", "--now", NOW.toString(), result.line()).out())
        .startsWith("rejected: missing_claim");
  }

  @ParameterizedTest
  @ValueSource(strings = {"userId=u-42", "userId:=42"})
  void takesUserIdAsThePrincipalWhenThereIsNoSub(String claim) {
    CliRun.Result result = sign("--claim", claim);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(claims(result)).containsKey("userId").doesNotContainKey("sub");
  }

  @Test
  void looksForTheClaimsThatPrincipalClaimNames() {
    CliRun shell = cli().env("JWT_SECRET", SECRET).env("PRINCIPAL_CLAIM", "email,uid");

    CliRun.Result withSub = shell.run("sign", "--sub", "alice");
    CliRun.Result withUid = shell.run("sign", "--claim", "uid=7");

    assertThat(withSub.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(withSub.err()).contains("from the first of email, uid that a token has")
        .contains("add --claim email=... or --claim uid=..., or give").doesNotContain("--sub alice");
    assertThat(withUid.exitCode()).as(withUid.err()).isZero();
  }

  @Test
  void namesTheOneClaimPrincipalClaimNames() {
    CliRun.Result result = cli().env("JWT_SECRET", SECRET).env("PRINCIPAL_CLAIM", "email").run("sign");

    assertThat(result.err()).contains("it takes the principal from the email claim (PRINCIPAL_CLAIM)");
  }

  @Test
  void exitsThreeWhenPrincipalClaimNamesNoClaim() {
    CliRun.Result result = cli().env("JWT_SECRET", SECRET).env("PRINCIPAL_CLAIM", "a b").run("sign", "--sub", "x");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(result.err()).startsWith("token-cli sign: invalid configuration: PRINCIPAL_CLAIM").hasLineCount(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "al\u202eice", "a\nb", "\u0000"})
  void refusesAPrincipalTheAuthorizerWouldRefuse(String subject) {
    CliRun.Result result = sign("--sub", subject);

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).hasLineCount(1)
        .startsWith("token-cli sign: the authorizer would deny this token (invalid_claim): it refuses the value of"
            + " the sub claim, which it reads for the principal")
        .contains("--allow-missing-principal");
  }

  @Test
  void refusesAPrincipalLongerThanTheAuthorizerTakes() {
    assertThat(sign("--sub", "a".repeat(256)).exitCode()).isZero();
    assertThat(sign("--sub", "a".repeat(257)).exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  /** Every kind of userId value: sign refuses exactly those whose tokens verify rejects. */
  @ParameterizedTest
  @ValueSource(strings = {"\"bob\"", "42", "-7", "0", "1.5", "1e3", "true", "null", "[\"bob\"]", "{}", "\"\"",
      "\"a\\u0000b\"", "\"a\\u2028b\"", "\"\\u2066bob\""})
  void refusesExactlyThePrincipalsThatVerifyRejects(String json) {
    CliRun.Result refusing = sign("--claim", "userId:=" + json);
    CliRun.Result minted = sign("--claim", "userId:=" + json, "--allow-missing-principal");
    CliRun.Result verified = cli().env("JWT_SECRET", SECRET).run("verify", "--now", NOW.toString(), minted.line());

    assertThat(minted.exitCode()).isZero();
    assertThat(refusing.exitCode()).as(refusing.err())
        .isEqualTo(verified.exitCode() == ExitCodes.OK ? ExitCodes.OK : ExitCodes.USAGE);
  }

  @Test
  void checksThePrincipalOfTheWholePayloadWhereTheOptionsWin() throws Exception {
    Path file = Files.writeString(dir.resolve("claims.json"), "{\"sub\":\"\"}");

    assertThat(sign("--claims-file", file.toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(sign("--claims-file", file.toString(), "--sub", "alice").exitCode()).isZero();
    assertThat(sign("--claims-file", file.toString(), "--claim", "sub=bob").exitCode()).isZero();
  }

  @Test
  void warnsOnceButSignsWithASecretFileOtherUsersCanRead() throws Exception {
    Path file = secretFile("rw-r--r--");

    CliRun.Result result =
        cli().run("sign", "--now", NOW.toString(), "--sub", "alice", "--secret-file", file.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEqualTo("token-cli: warning: " + file + " is readable by other users; chmod 600 "
        + file + "\n");
    assertThat(DecodedToken.decode(result.line()).claims()).containsEntry("iat", NOW.getEpochSecond());
  }

  @Test
  void saysNothingAboutAnOwnerOnlySecretFile() throws Exception {
    Path file = secretFile("rw-------");

    CliRun.Result result =
        cli().run("sign", "--now", NOW.toString(), "--sub", "alice", "--secret-file", file.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
  }

  private Path secretFile(String permissions) throws Exception {
    assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "POSIX file permissions");
    Path file = Files.writeString(dir.resolve("key.txt"), SECRET + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  @Test
  void isReproducibleWithNow() {
    assertThat(sign("--sub", "alice").out()).isEqualTo(sign("--sub", "alice").out());
  }

  @Test
  void setsEveryRegisteredClaimFromItsOption() {
    Map<String, Object> claims = claims(sign("--sub", "alice", "--iss", "https://issuer.example", "--aud", "api",
        "--expires-in", "15m", "--not-before", "5m", "--jti=id-1", "--no-iat"));

    assertThat(claims).containsEntry("iss", "https://issuer.example")
        .containsEntry("aud", "api")
        .containsEntry("exp", NOW.getEpochSecond() + 900)
        .containsEntry("nbf", NOW.getEpochSecond() + 300)
        .containsEntry("jti", "id-1")
        .doesNotContainKey("iat");
  }

  @Test
  void writesSeveralAudiencesAsAnArray() {
    assertThat(claims(sign("--sub", "alice", "--aud", "a", "--aud", "b"))).containsEntry("aud", List.of("a", "b"));
  }

  @Test
  void givesARandomJtiWhenNoValueIsGiven() {
    Object first = claims(sign("--sub", "alice", "--jti")).get("jti");
    Object second = claims(sign("--sub", "alice", "--jti")).get("jti");

    assertThat(first).asString().matches("[0-9a-f-]{36}");
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void acceptsAnIsoInstantForNotBeforeAndAnIsoDuration() {
    Map<String, Object> claims =
        claims(sign("--sub", "alice", "--not-before", "2026-01-02T00:00:00Z", "--expires-in", "P2D"));

    assertThat(claims).containsEntry("nbf", NOW.getEpochSecond() + 86_400)
        .containsEntry("exp", NOW.getEpochSecond() + 2 * 86_400);
  }

  @Test
  void setsStringAndTypedClaims() {
    Map<String, Object> claims = claims(sign("--sub", "alice", "--claim", "role=admin", "--claim", "level:=3",
        "--claim", "scope:=[\"read\",\"write\"]", "--claim", "beta:=true"));

    assertThat(claims).containsEntry("role", "admin")
        .containsEntry("level", 3L)
        .containsEntry("scope", List.of("read", "write"))
        .containsEntry("beta", true);
  }

  @Test
  void readsClaimsFromAFileAndLetsClaimOptionsOverrideThem() throws Exception {
    Path file = Files.writeString(dir.resolve("claims.json"), "{\"tenant\":\"t1\",\"role\":\"user\"}");

    Map<String, Object> claims =
        claims(sign("--sub", "alice", "--claims-file", file.toString(), "--claim", "role=admin"));

    assertThat(claims).containsEntry("tenant", "t1").containsEntry("role", "admin");
  }

  @Test
  void readsClaimsFromStdin() {
    CliRun.Result result = cli().env("JWT_SECRET", SECRET).stdin("{\"tenant\":\"t2\"}")
        .run("sign", "--sub", "alice", "--claims-file", "-");

    assertThat(claims(result)).containsEntry("tenant", "t2");
  }

  @Test
  void setsTheKid() {
    assertThat(DecodedToken.decode(sign("--sub", "alice", "--kid", "key-1").line()).header())
        .containsEntry("kid", "key-1");
  }

  @Test
  void printsTheFormatsForPostmanAndCurl() {
    String token = sign("--sub", "alice").line();

    assertThat(sign("--sub", "alice", "--format", "bearer").line()).isEqualTo("Bearer " + token);
    assertThat(sign("--sub", "alice", "--format", "header").line()).isEqualTo("Authorization: Bearer " + token);
    Map<String, Object> json = Json.parseObject(sign("--sub", "alice", "--format", "json").out());
    assertThat(json).containsEntry("access_token", token)
        .containsEntry("token_type", "Bearer")
        .containsEntry("expires_in", 3600L)
        .containsKeys("header", "claims");
  }

  @Test
  void signsWithASecretPipedOnStdin() {
    CliRun.Result result =
        cli().stdin(SECRET + "\n").run("sign", "--secret-stdin", "--now", NOW.toString(), "--sub", "alice");

    assertThat(result.line()).isEqualTo(sign("--sub", "alice").line());
  }

  @Test
  void exitsFourOnAWeakKeyAndSaysHowToMakeOne() {
    CliRun.Result result = cli().stdin("short-key\n").run("sign", "--secret-stdin", "--sub", "alice");

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("token-cli sign: the secret has 9 bytes")
        .contains("token-cli secret")
        .doesNotContain("short-key");
  }

  @Test
  void exitsThreeWithoutASecret() {
    CliRun.Result result = cli().run("sign", "--sub", "alice");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).startsWith("token-cli sign: no secret:").hasLineCount(1);
  }

  @Test
  void exitsTwoOnTwoSecretSources() {
    CliRun.Result result = cli().env("K", SECRET).stdin(SECRET).run("sign", "--secret-env", "K", "--secret-stdin");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("mutually exclusive").hasLineCount(1);
  }

  @Test
  void exitsTwoWhenStdinWouldFeedSecretAndClaims() {
    CliRun.Result result = cli().stdin(SECRET).run("sign", "--secret-stdin", "--claims-file", "-");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("stdin can feed either");
  }

  @Test
  void exitsTwoOnABareNumberDuration() {
    CliRun.Result result = sign("--expires-in", "3600");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("'3600' has no unit").contains("3600s").hasLineCount(1);
  }

  @Test
  void exitsTwoOnABadDuration() {
    CliRun.Result result = sign("--expires-in", "soon");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("'soon' is not a duration").hasLineCount(1);
  }

  @Test
  void exitsTwoOnAZeroLifetime() {
    assertThat(sign("--expires-in", "0s").exitCode()).isEqualTo(2);
  }

  @Test
  void exitsTwoOnBadJsonInATypedClaim() {
    CliRun.Result result = sign("--claim", "scope:=[read]");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("claim 'scope': invalid JSON").hasLineCount(1);
  }

  @Test
  void exitsThreeOnAnUnreadableClaimsFile() {
    CliRun.Result result = sign("--claims-file", dir.resolve("missing.json").toString());

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("cannot read claims file").contains("no such file").hasLineCount(1);
  }

  @Test
  void exitsThreeOnAClaimsFileThatIsNotAnObject() throws Exception {
    Path file = Files.writeString(dir.resolve("claims.json"), "[1,2]");

    CliRun.Result result = sign("--claims-file", file.toString());

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("expected a JSON object");
  }

  @Test
  void exitsTwoOnAnUnknownFormat() {
    assertThat(sign("--format", "xml").exitCode()).isEqualTo(2);
  }

  @Test
  void printsAStackTraceOnlyWithVerbose() {
    assertThat(cli().run("sign", "--sub", "alice").err()).doesNotContain("\tat ");
    assertThat(cli().run("sign", "--sub", "alice", "--verbose").err()).contains("\tat ");
  }
}
