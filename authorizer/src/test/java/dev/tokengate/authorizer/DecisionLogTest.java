package dev.tokengate.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokengate.core.Decision;
import dev.tokengate.core.config.AuthorizerConfig;
import dev.tokengate.core.jws.TokenFingerprint;
import dev.tokengate.core.policy.AuthorizerResponse;
import dev.tokengate.core.verify.Reason;
import dev.tokengate.core.verify.Verdict;
import dev.tokengate.testing.MutableClock;
import dev.tokengate.testing.TestTokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Each line the authorizer writes is one JSON object, with the documented fields (docs/reference/reasons.md);
 * with metrics on, each decision line is a valid CloudWatch embedded metric format document (docs/reference/metrics.md)
 * whose dimensions are the outcome and the reason, never anything taken from the token.
 */
class DecisionLogTest {

  /** 2025-12-02T16:00:00Z, the time of the documented example line. */
  private static final Instant EXAMPLE_TIME = Instant.ofEpochMilli(1_764_691_200_000L);
  private static final AuthorizerResponse POLICY = new AuthorizerResponse("anonymous",
      new AuthorizerResponse.PolicyDocument("2012-10-17", List.of()), Map.of());
  static final List<String> UNAUTHORIZED_CODES = Decision.Unauthorized.CODES;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final PrintStream printOut = new PrintStream(out, true, StandardCharsets.UTF_8);
  private final DecisionLog log = new DecisionLog(new JsonFactory(), printOut);
  private final MutableClock clock = new MutableClock(EXAMPLE_TIME);
  private final DecisionLog metered = metered(AuthorizerConfig.builder().secret(TestTokens.SECRET).build());

  private DecisionLog metered(AuthorizerConfig config) {
    return DecisionLog.of(new JsonFactory(), printOut, config, clock);
  }

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

  @Test
  void writesADecisionAsTheDocumentedEmbeddedMetricFormatLine() {
    String token = "Bearer " + TestTokens.valid();

    metered.decision(new Decision.Deny(new Verdict.Denied(Reason.TOKEN_EXPIRED, Optional.empty()), POLICY), token,
        System.nanoTime());

    // The example of docs/reference/metrics.md, with this token's fingerprint and latency.
    String line = out.toString(StandardCharsets.UTF_8);
    assertThat(line.replaceFirst("\"latencyUs\":[0-9]+,", "\"latencyUs\":41,")).isEqualTo(
        "{\"decision\":\"deny\",\"reason\":\"token_expired\",\"principal\":null,\"kid\":null,\"token\":\""
        + TokenFingerprint.of(TestTokens.valid()) + "\",\"latencyUs\":41,\"decisions\":1,"
        + "\"_aws\":{\"Timestamp\":1764691200000,\"CloudWatchMetrics\":[{\"Namespace\":\"tokengate\","
        + "\"Dimensions\":[[\"decision\"],[\"decision\",\"reason\"]],"
        + "\"Metrics\":[{\"Name\":\"decisions\",\"Unit\":\"Count\"},"
        + "{\"Name\":\"latencyUs\",\"Unit\":\"Microseconds\"}]}]}}\n");
    EmfValidator.requireValid(line.strip());
  }

  @Test
  void dimensionsAnAllowByItsDecisionOnlyAndNeverByItsPrincipalKidOrToken() throws IOException {
    Verdict.Allowed allowed = new Verdict.Allowed("alice", Map.of("sub", "alice"), Map.of("sub", "alice"),
        Optional.of("k1"));

    metered.decision(new Decision.Allow(allowed, POLICY), "Bearer " + TestTokens.valid(), System.nanoTime());

    JsonNode line = validLine();
    assertThat(dimensions(line)).containsExactly("decision=allow");
    assertThat(line.path("decisions").intValue()).isEqualTo(1);
    assertThat(line.path("principal").textValue()).isEqualTo("alice");
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void dimensionsEveryDenyByItsDecisionAndItsReason(Reason reason) throws IOException {
    metered.decision(new Decision.Deny(new Verdict.Denied(reason, Optional.of("k1")), POLICY),
        "Bearer " + TestTokens.valid(), System.nanoTime());

    assertThat(dimensions(validLine())).containsExactly("decision=deny", "decision=deny,reason=" + reason.code());
  }

  @ParameterizedTest
  @FieldSource("UNAUTHORIZED_CODES")
  void dimensionsEveryUnauthorizedByItsDecisionAndItsCode(String code) throws IOException {
    metered.decision(new Decision.Unauthorized(code, Optional.empty()), "Basic dXNlcg==", System.nanoTime());

    assertThat(dimensions(validLine()))
        .containsExactly("decision=unauthorized", "decision=unauthorized,reason=" + code);
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void dimensionsAnInvalidTokenAnsweredWith401ByItsDenyReason(Reason reason) throws IOException {
    metered.decision(new Decision.Unauthorized(reason.code(), Optional.empty()), "Bearer x.y.z", System.nanoTime());

    assertThat(dimensions(validLine()))
        .containsExactly("decision=unauthorized", "decision=unauthorized,reason=" + reason.code());
  }

  @Test
  void dimensionsAnUnreadableEventWithoutAToken() throws IOException {
    metered.unauthorized(Decision.Unauthorized.MALFORMED_EVENT, Optional.empty(), null, System.nanoTime());

    JsonNode line = validLine();
    assertThat(dimensions(line))
        .containsExactly("decision=unauthorized", "decision=unauthorized,reason=malformed_event");
    assertThat(line.path("token").isNull()).isTrue();
  }

  @Test
  void stampsTheMetricsWithTheClockAndCountsOneDecisionPerLine() throws IOException {
    metered.unauthorized(Decision.Unauthorized.NO_BEARER_TOKEN, Optional.empty(), "Basic x", System.nanoTime());
    clock.advance(Duration.ofMillis(1_500));
    metered.unauthorized(Decision.Unauthorized.NO_BEARER_TOKEN, Optional.empty(), "Basic x", System.nanoTime());

    assertThat(lines()).extracting(line -> line.path("_aws").path("Timestamp").longValue())
        .containsExactly(EXAMPLE_TIME.toEpochMilli(), EXAMPLE_TIME.toEpochMilli() + 1_500);
    assertThat(lines()).extracting(line -> line.path("decisions").intValue()).containsExactly(1, 1);
  }

  @Test
  void publishesInTheConfiguredNamespace() throws IOException {
    DecisionLog custom = metered(AuthorizerConfig.builder().secret(TestTokens.SECRET)
        .metricsNamespace("tokengate/prod-api").build());

    custom.unauthorized(Decision.Unauthorized.NO_BEARER_TOKEN, Optional.empty(), "Basic x", System.nanoTime());

    assertThat(validLine().path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").textValue())
        .isEqualTo("tokengate/prod-api");
  }

  @Test
  void writesThePlainLineWhenMetricsAreOff() throws IOException {
    DecisionLog plain = metered(AuthorizerConfig.builder().secret(TestTokens.SECRET).decisionMetrics(false).build());

    plain.decision(new Decision.Deny(new Verdict.Denied(Reason.TOKEN_EXPIRED, Optional.empty()), POLICY),
        "Bearer x.y.z", System.nanoTime());

    assertThat(lines().get(0).fieldNames()).toIterable()
        .containsExactly("decision", "reason", "principal", "kid", "token", "latencyUs");
  }

  @Test
  void leavesTheLinesAboutInitAndKeysWithoutMetrics() throws IOException {
    metered.initFailed("JWT_SECRET is too short");
    metered.keysLoaded(List.of("current"), null);
    metered.keysUnavailable("Secrets Manager unreachable", true);

    assertThat(lines()).allSatisfy(line -> assertThat(line.has("_aws")).isFalse())
        .allSatisfy(line -> assertThat(line.has("decisions")).isFalse());
  }

  /** The one line written, held to the specification. */
  private JsonNode validLine() throws IOException {
    String[] written = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(written).hasSize(1);
    return EmfValidator.requireValid(written[0]);
  }

  /**
   * Each dimension set of the line as {@code key=value,...}: the metrics CloudWatch makes of it. The dimension
   * keys must be "decision" and "reason", never "principal", "kid" or "token".
   */
  private static Set<String> dimensions(JsonNode line) {
    Set<String> dimensions = new LinkedHashSet<>();
    for (JsonNode directive : line.path("_aws").path("CloudWatchMetrics")) {
      for (JsonNode set : directive.path("Dimensions")) {
        List<String> pairs = new ArrayList<>();
        for (JsonNode key : set) {
          assertThat(key.textValue()).isIn("decision", "reason");
          pairs.add(key.textValue() + "=" + line.path(key.textValue()).textValue());
        }
        dimensions.add(String.join(",", pairs));
      }
    }
    return dimensions;
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
