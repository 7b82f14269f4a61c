package dev.tokengate.cli;

import static dev.tokengate.cli.CliRun.METHOD_ARN;
import static dev.tokengate.cli.CliRun.NOW;
import static dev.tokengate.cli.CliRun.SECRET;
import static dev.tokengate.cli.CliRun.cli;
import static dev.tokengate.cli.CliRun.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorizeCommandTest {

  /** The shared fixtures, signed with {@link CliRun#SECRET}; valid ones expire in 2100. */
  private static final Path EVENTS = Path.of("..", "events", "authorizer");

  @TempDir Path dir;

  private static CliRun.Result authorize(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "authorize";
    all[1] = "--now";
    all[2] = NOW.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return cli().env("JWT_SECRET", SECRET).run(all);
  }

  @SuppressWarnings("unchecked")
  private static String effect(CliRun.Result result) {
    Map<String, Object> policy = (Map<String, Object>) Json.parseObject(result.out()).get("policyDocument");
    return (String) ((Map<String, Object>) ((List<Object>) policy.get("Statement")).get(0)).get("Effect");
  }

  @Test
  void printsTheAllowPolicyForTheWholeStageAndExitsZero() {
    CliRun.Result result = authorize("--method-arn", METHOD_ARN, token("--sub", "alice"));

    assertThat(result.exitCode()).isZero();
    assertThat(effect(result)).isEqualTo("Allow");
    assertThat(result.out()).contains("\"principalId\": \"alice\"")
        .contains("arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/*/*");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void printsTheDenyPolicyWithTheReasonAndExitsOne() {
    CliRun.Result result = cli().env("JWT_SECRET", SECRET)
        .run("authorize", "--now", NOW.plusSeconds(7200).toString(), "--method-arn", METHOD_ARN,
            token("--sub", "alice"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(effect(result)).isEqualTo("Deny");
    assertThat(result.out()).contains("\"reason\": \"token_expired\"");
  }

  @Test
  void printsUnauthorizedAndExitsFiveForWhatIsNotABearerToken() {
    CliRun.Result result = authorize("--method-arn", METHOD_ARN, "Basic dXNlcjpwYXNz");

    assertThat(result.exitCode()).isEqualTo(5);
    assertThat(result.out()).isEqualTo("Unauthorized\n");
    assertThat(result.err()).contains("401").hasLineCount(1);
  }

  @Test
  void printsTheDecisionLogOnStderrWhenAsked() {
    CliRun.Result result = authorize("--log", "--method-arn", METHOD_ARN, "Bearer x.y");

    assertThat(result.err()).contains("\"decision\":\"unauthorized\"").contains("no_bearer_token");
  }

  @Test
  void runsTheSharedEventFixtures() {
    assertThat(authorize("--event", EVENTS.resolve("allow-sub.json").toString()).exitCode()).isZero();
    assertThat(authorize("--event", EVENTS.resolve("deny-expired.json").toString()).exitCode()).isEqualTo(1);
    assertThat(authorize("--event", EVENTS.resolve("deny-alg-none.json").toString()).out())
        .contains("algorithm_not_allowed");
    assertThat(authorize("--event", EVENTS.resolve("unauthorized-basic-scheme.json").toString()).exitCode())
        .isEqualTo(5);
  }

  @Test
  void letsTheMethodArnOptionOverrideTheEvents() {
    CliRun.Result result = authorize("--event", EVENTS.resolve("allow-sub.json").toString(),
        "--method-arn", METHOD_ARN);

    assertThat(result.out()).contains("abc123/prod/*/*");
  }

  @Test
  void appliesThePolicyScopeVariable() {
    CliRun.Result result = cli().env("JWT_SECRET", SECRET).env("POLICY_SCOPE", "method")
        .run("authorize", "--method-arn", METHOD_ARN, token("--sub", "alice"));

    assertThat(result.out()).contains(METHOD_ARN);
  }

  @Test
  void masksTheUsageIdentifierKeyInThePrintedPolicy() {
    String key = "clientKey0123456789abcdef";
    CliRun.Result result = cli().env("JWT_SECRET", SECRET).env("USAGE_IDENTIFIER_CLAIM", "api_key")
        .run("authorize", "--now", NOW.toString(), "--log", "--method-arn", METHOD_ARN,
            token("--sub", "alice", "--claim", "api_key=" + key));

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("\"usageIdentifierKey\": \"clie... (25 characters)\"").doesNotContain(key);
    assertThat(result.err()).contains("\"decision\":\"allow\"").doesNotContain(key);
  }

  @Test
  void deniesATokenWithoutTheUsageIdentifierClaimWhenTheVariableIsSet() {
    CliRun.Result result = cli().env("JWT_SECRET", SECRET).env("USAGE_IDENTIFIER_CLAIM", "api_key")
        .run("authorize", "--now", NOW.toString(), "--method-arn", METHOD_ARN, token("--sub", "alice"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).contains("\"reason\": \"missing_usage_identifier\"").doesNotContain("usageIdentifierKey");
  }

  @Test
  void exitsTwoWithoutAMethodArn() {
    CliRun.Result result = authorize(token("--sub", "alice"));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--method-arn");
  }

  @Test
  void exitsTwoOnABadMethodArn() {
    CliRun.Result result = authorize("--method-arn", "arn:aws:lambda:x", token("--sub", "alice"));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("not an execute-api method ARN").hasLineCount(1);
  }

  @Test
  void exitsTwoOnATokenAndAnEvent() {
    assertThat(authorize("--event", EVENTS.resolve("allow-sub.json").toString(), token("--sub", "alice")).exitCode())
        .isEqualTo(2);
  }

  @Test
  void exitsThreeOnAnEventThatIsNotATokenEvent() throws Exception {
    Path event = Files.writeString(dir.resolve("event.json"), "{\"type\":\"REQUEST\",\"methodArn\":\"x\"}");

    CliRun.Result result = authorize("--event", event.toString());

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("REQUEST event");
  }

  @Test
  void exitsThreeOnAnUnreadableEvent() {
    assertThat(authorize("--event", dir.resolve("missing.json").toString()).exitCode()).isEqualTo(3);
  }

  @Test
  void exitsThreeOnAnEmptyToken() {
    assertThat(authorize("--method-arn", METHOD_ARN, " ").exitCode()).isEqualTo(3);
  }
}
