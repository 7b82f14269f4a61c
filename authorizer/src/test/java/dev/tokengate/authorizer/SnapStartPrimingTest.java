package dev.tokengate.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokengate.core.config.EnvironmentConfig;
import dev.tokengate.core.verify.Reason;
import dev.tokengate.testing.TestTokens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The SnapStart hooks, called directly as the runtime would around a checkpoint. */
class SnapStartPrimingTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ByteArrayOutputStream logLines = new ByteArrayOutputStream();
  private final AuthorizerHandler handler = new AuthorizerHandler(
      TestTokens.env(AuthorizerHandler.INITIALIZATION_TYPE, "snap-start"), TestTokens.CLOCK,
      new PrintStream(logLines, true, StandardCharsets.UTF_8));

  @Test
  void registersTheHookOnlyDuringASnapStartInitialization() {
    assertThat(handler.priming()).isNotNull();
    assertThat(new AuthorizerHandler(TestTokens.env(), TestTokens.CLOCK).priming()).isNull();
    assertThat(new AuthorizerHandler(TestTokens.env(AuthorizerHandler.INITIALIZATION_TYPE, "on-demand"),
        TestTokens.CLOCK).priming()).isNull();
  }

  @Test
  void primesWithAFullInvocationThatPassesEveryConfiguredCheck() throws Exception {
    AuthorizerHandler strict = new AuthorizerHandler(TestTokens.env(
        EnvironmentConfig.JWT_ISSUER, "https://issuer.example/\"quoted\"", EnvironmentConfig.JWT_AUDIENCE, "api",
        EnvironmentConfig.PRINCIPAL_CLAIM, "userId,sub", EnvironmentConfig.JWT_MAX_TOKEN_AGE_SECONDS, "60",
        EnvironmentConfig.USAGE_IDENTIFIER_CLAIM, "api_key", AuthorizerHandler.INITIALIZATION_TYPE, "snap-start"),
        TestTokens.CLOCK);

    JsonNode policy = JSON.readTree(strict.priming().prime().policy());

    assertThat(policy.path("principalId").textValue()).isEqualTo("snapstart-priming");
    assertThat(policy.path("policyDocument").path("Statement").path(0).path("Effect").textValue())
        .isEqualTo("Allow");
    assertThat(policy.path("usageIdentifierKey").textValue()).isEqualTo("snapstartPriming00000");
  }

  @Test
  void beforeCheckpointLogsNoDecision() {
    handler.priming().beforeCheckpoint(null);

    assertThat(logLines.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void primingTokenIsSignedWithAFreshThrowawayKeyNeverTheConfiguredOne() throws Exception {
    String first = handler.priming().prime().event();
    String second = handler.priming().prime().event();

    assertThat(first).isNotEqualTo(second);
    JsonNode policy = invoke(handler, first);
    assertThat(policy.path("context").path("reason").textValue()).isEqualTo(Reason.INVALID_SIGNATURE.code());
  }

  @Test
  void afterRestoreKeepsDecidingWithTheConfiguredKey() {
    handler.priming().beforeCheckpoint(null);
    handler.priming().afterRestore(null);

    assertThat(handler.authorize("Bearer " + TestTokens.valid(), TestTokens.METHOD_ARN).principalId())
        .isEqualTo("alice");
  }

  private static JsonNode invoke(AuthorizerHandler handler, String event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    return JSON.readTree(out.toByteArray());
  }
}
