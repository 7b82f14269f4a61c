package dev.tokengate.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokengate.core.Decision;
import dev.tokengate.core.jws.TokenFingerprint;
import dev.tokengate.core.policy.AuthorizerResponse;
import dev.tokengate.core.verify.Reason;
import dev.tokengate.core.verify.Verdict;
import dev.tokengate.testing.TestTokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each line the authorizer writes is one JSON object, with the documented fields (docs/reference/reasons.md). */
class DecisionLogTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final DecisionLog log = new DecisionLog(new JsonFactory(), new PrintStream(out, true, StandardCharsets.UTF_8));

  @Test
  void writesAFailedInitAsOneErrorLineNamingTheCause() {
    log.initFailed("JWT_SECRET is too short");

    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("{\"level\":\"error\",\"event\":\"init_failed\",\"message\":\"JWT_SECRET is too short\"}\n");
  }

  @Test
  void listsTheThumbprintsOfLoadedKeysAndWarnsWhenAPreviousValueWasIgnored() throws IOException {
    log.keysLoaded(List.of("current", "previous"), null);
    log.keysLoaded(List.of("current"), "the previous value is too short");

    List<JsonNode> lines = lines();
    assertThat(lines.get(0).toString())
        .isEqualTo("{\"level\":\"info\",\"event\":\"keys_loaded\",\"kids\":[\"current\",\"previous\"]}");
    assertThat(lines.get(1).toString()).isEqualTo("{\"level\":\"warn\",\"event\":\"keys_loaded\",\"kids\":[\"current\"],"
        + "\"previousIgnored\":\"the previous value is too short\"}");
  }

  @Test
  void saysWhetherRequestsAreStillServedWhenKeysCannotBeFetched() throws IOException {
    log.keysUnavailable("Secrets Manager unreachable", true);
    log.keysUnavailable("Secrets Manager unreachable", false);

    assertThat(lines()).extracting(line -> line.path("action").asText())
        .containsExactly("using the last keys fetched", "denying every request");
  }

  @Test
  void namesTheTokenByItsFingerprintOnlyAndMeasuresTheDecisionFromItsStart() throws IOException {
    String token = TestTokens.valid();
    Verdict.Allowed allowed = new Verdict.Allowed("alice", Map.of(), Map.of(), Optional.of("k1"));
    AuthorizerResponse policy = new AuthorizerResponse("alice", new AuthorizerResponse.PolicyDocument("2012-10-17",
        List.of()), Map.of());

    log.decision(new Decision.Allow(allowed, policy), "Bearer " + token, System.nanoTime());

    JsonNode line = lines().get(0);
    assertThat(line.path("decision").asText()).isEqualTo("allow");
    assertThat(line.path("principal").asText()).isEqualTo("alice");
    assertThat(line.path("kid").asText()).isEqualTo("k1");
    assertThat(line.path("token").asText()).isEqualTo(TokenFingerprint.of(token));
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
    // Microseconds since the start given: never negative, and far below a minute for one line.
    assertThat(line.path("latencyUs").asLong()).isBetween(0L, 60_000_000L);
  }

  @Test
  void writesTheReasonOfADenyAndOfAnUnauthorized() throws IOException {
    AuthorizerResponse policy = new AuthorizerResponse("anonymous", new AuthorizerResponse.PolicyDocument(
        "2012-10-17", List.of()), Map.of());

    log.decision(new Decision.Deny(new Verdict.Denied(Reason.TOKEN_EXPIRED, Optional.empty()), policy), "Bearer x",
        System.nanoTime());
    log.decision(new Decision.Unauthorized(Decision.Unauthorized.NO_BEARER_TOKEN, Optional.empty()), "Basic x",
        System.nanoTime());

    assertThat(lines()).extracting(line -> line.path("decision").asText() + " " + line.path("reason").asText())
        .containsExactly("deny token_expired", "unauthorized no_bearer_token");
  }

  private List<JsonNode> lines() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      lines.add(mapper.readTree(line));
    }
    return lines;
  }
}
