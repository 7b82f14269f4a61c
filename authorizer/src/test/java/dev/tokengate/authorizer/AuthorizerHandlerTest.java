package dev.tokengate.authorizer;

import static dev.tokengate.testing.TestTokens.METHOD_ARN;
import static dev.tokengate.testing.TestTokens.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokengate.core.config.ConfigException;
import dev.tokengate.core.config.EnvironmentConfig;
import dev.tokengate.core.jws.TokenFingerprint;
import dev.tokengate.testing.TestTokens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Drives the handler with the shared {@code events/authorizer} fixtures, read and re-written by AWS's own event
 * serializer as the Lambda Java runtime would, and pins its answers with the golden files.
 */
class AuthorizerHandlerTest {

  private static final Path EVENTS = Path.of("..", "events", "authorizer");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final PrintStream logOut = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

  private AuthorizerHandler handler(String... overrides) {
    return new AuthorizerHandler(TestTokens.env(overrides), TestTokens.CLOCK, logOut);
  }

  /** The event as the runtime's serializer reads and writes it: proves the fixture is a valid authorizer event. */
  private static byte[] eventBytes(String fixture) {
    APIGatewayCustomAuthorizerEvent event =
        EventLoader.loadAPIGatewayCustomAuthorizerEvent(EVENTS.resolve(fixture).toString());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LambdaEventSerializers.serializerFor(APIGatewayCustomAuthorizerEvent.class,
        AuthorizerHandlerTest.class.getClassLoader()).toJson(event, bytes);
    return bytes.toByteArray();
  }

  private static JsonNode invoke(AuthorizerHandler handler, byte[] event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), out, null);
    return JSON.readTree(out.toByteArray());
  }

  static JsonNode golden(String name) throws IOException {
    try (InputStream in = AuthorizerHandlerTest.class.getResourceAsStream("/golden/" + name)) {
      return JSON.readTree(in);
    }
  }

  private List<JsonNode> logLines() throws IOException {
    List<JsonNode> lines = new java.util.ArrayList<>();
    for (String line : logBytes.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  @ParameterizedTest
  @CsvSource({
      "allow-sub.json, allow-sub.json",
      "allow-user-id.json, allow-user-id.json",
      "deny-expired.json, deny-expired.json",
      "deny-not-yet-valid.json, deny-not-yet-valid.json",
      "deny-invalid-signature.json, deny-invalid-signature.json",
      "deny-missing-exp.json, deny-missing-exp.json",
      "deny-alg-none.json, deny-alg-none.json"})
  void answersEachFixtureWithItsGoldenPolicy(String fixture, String goldenFile) throws IOException {
    assertThat(invoke(handler(), eventBytes(fixture))).isEqualTo(golden(goldenFile));
  }

  @Test
  void answersUnauthorizedForNonBearerFixture() {
    byte[] event = eventBytes("unauthorized-basic-scheme.json");

    assertThatThrownBy(() -> invoke(handler(), event))
        .isExactlyInstanceOf(RuntimeException.class).hasMessage("Unauthorized");
  }

  @Test
  void everyFixtureIsCoveredByATest() throws IOException {
    try (Stream<Path> files = Files.list(EVENTS)) {
      assertThat(files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json")))
          .containsExactlyInAnyOrder("allow-sub.json", "allow-user-id.json", "deny-expired.json",
              "deny-not-yet-valid.json", "deny-invalid-signature.json", "deny-missing-exp.json",
              "deny-alg-none.json", "unauthorized-basic-scheme.json", "env.json");
    }
  }

  @Test
  void fixtureEnvironmentHoldsTheTestKey() throws IOException {
    JsonNode env = JSON.readTree(EVENTS.resolve("env.json").toFile());

    assertThat(env.path("AuthorizerFunction").path(EnvironmentConfig.JWT_SECRET).textValue()).isEqualTo(SECRET);
  }

  @Test
  void scopesAllowToTheMethodWhenConfigured() throws IOException {
    JsonNode response = invoke(handler(EnvironmentConfig.POLICY_SCOPE, "method"), eventBytes("allow-sub.json"));

    assertThat(response).isEqualTo(golden("allow-sub-method-scope.json"));
  }

  @Test
  void throwsUnauthorizedForInvalidTokenWhenConfigured() {
    AuthorizerHandler strict = handler(EnvironmentConfig.INVALID_TOKEN_RESPONSE, "unauthorized");
    byte[] event = eventBytes("deny-expired.json");

    assertThatThrownBy(() -> invoke(strict, event))
        .isExactlyInstanceOf(RuntimeException.class).hasMessage("Unauthorized");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "Bearer", "Bearer ", "Bearer  x.y.z", "bearer x.y.z ", "Bearer x.y.z extra", "Basic x.y.z",
      "Bearerx.y.z", "Bearer x.y", "Bearer x.y.", "Bearer x.y.z=", "Token x.y.z", "Bearer\tx.y.z"})
  void throwsUnauthorizedForHeaderThatIsNotBearerCompactJws(String header) {
    assertThatThrownBy(() -> handler().authorize(header, METHOD_ARN))
        .isExactlyInstanceOf(RuntimeException.class).hasMessage("Unauthorized");
  }

  @Test
  void acceptsSchemeInAnyCase() {
    assertThat(handler().authorize("bEARER " + TestTokens.valid(), METHOD_ARN).principalId()).isEqualTo("alice");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "arn:aws:execute-api:us-east-1:123456789012:abcdef1234", "*",
      "arn:aws:lambda:us-east-1:123456789012:function:f/Prod/GET/x"})
  void throwsUnauthorizedForMalformedMethodArn(String methodArn) {
    assertThatThrownBy(() -> handler().authorize("Bearer " + TestTokens.valid(), methodArn))
        .isExactlyInstanceOf(RuntimeException.class).hasMessage("Unauthorized");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "[]", "{}", "{\"authorizationToken\":42,\"methodArn\":true}", "null",
      "{\"type\":\"REQUEST\",\"methodArn\":\"arn:aws:execute-api:us-east-1:123456789012:abcdef1234/Prod/GET/\"}"})
  void throwsUnauthorizedForEventWithoutTokenOrArn(String event) {
    assertThatThrownBy(() -> invoke(handler(), event.getBytes(StandardCharsets.UTF_8)))
        .isExactlyInstanceOf(RuntimeException.class).hasMessage("Unauthorized");
  }

  @Test
  void logsOneJsonLinePerDecisionWithoutTokenOrSecret() throws IOException {
    AuthorizerHandler handler = handler();
    String token = TestTokens.valid();

    handler.authorize("Bearer " + token, METHOD_ARN);
    handler.authorize("Bearer " + TestTokens.sign(TestTokens.HS256_HEADER, "{\"sub\":\"x\"}"), METHOD_ARN);
    assertThatThrownBy(() -> handler.authorize("Basic " + SECRET, METHOD_ARN)).hasMessage("Unauthorized");

    String raw = logBytes.toString(StandardCharsets.UTF_8);
    assertThat(raw).doesNotContain(token).doesNotContain(token.split("\\.")[2]).doesNotContain(SECRET);
    List<JsonNode> lines = logLines();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0).path("decision").textValue()).isEqualTo("allow");
    assertThat(lines.get(0).path("principal").textValue()).isEqualTo("alice");
    assertThat(lines.get(0).path("token").textValue()).isEqualTo(TokenFingerprint.of(token)).hasSize(8);
    assertThat(lines.get(0).path("latencyUs").isIntegralNumber()).isTrue();
    assertThat(lines.get(1).path("decision").textValue()).isEqualTo("deny");
    assertThat(lines.get(1).path("reason").textValue()).isEqualTo("missing_claim");
    assertThat(lines.get(1).path("principal").isNull()).isTrue();
    assertThat(lines.get(2).path("decision").textValue()).isEqualTo("unauthorized");
    assertThat(lines.get(2).path("reason").textValue()).isEqualTo("no_bearer_token");
  }

  @Test
  void logsEveryUnauthorizedAnswerWithItsReason() throws IOException {
    AuthorizerHandler handler = handler();
    AuthorizerHandler strict = handler(EnvironmentConfig.INVALID_TOKEN_RESPONSE, "unauthorized");
    String expired = TestTokens.sign(TestTokens.HS256_HEADER, "{\"sub\":\"alice\",\"exp\":1}");

    assertThatThrownBy(() -> handler.authorize("Bearer " + TestTokens.valid(), "not-an-arn"))
        .hasMessage("Unauthorized");
    assertThatThrownBy(() -> strict.authorize("Bearer " + expired, METHOD_ARN)).hasMessage("Unauthorized");
    assertThatThrownBy(() -> invoke(handler, "{\"authorizationToken\":".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("Unauthorized");

    assertThat(logLines()).extracting(line -> line.path("decision").textValue() + " " + line.path("reason").textValue())
        .containsExactly("unauthorized malformed_method_arn", "unauthorized token_expired",
            "unauthorized malformed_event");
  }

  @Test
  void writesEveryKindOfDecisionAsAnEmbeddedMetricFormatLineStampedByItsClock() throws IOException {
    AuthorizerHandler handler = handler();
    AuthorizerHandler strict = handler(EnvironmentConfig.INVALID_TOKEN_RESPONSE, "unauthorized");
    String valid = "Bearer " + TestTokens.valid();
    String expired = "Bearer " + TestTokens.sign(TestTokens.HS256_HEADER, "{\"sub\":\"alice\",\"exp\":1}");

    handler.authorize(valid, METHOD_ARN);
    handler.authorize(expired, METHOD_ARN);
    assertThatThrownBy(() -> strict.authorize(expired, METHOD_ARN)).hasMessage("Unauthorized");
    assertThatThrownBy(() -> handler.authorize("Basic " + SECRET, METHOD_ARN)).hasMessage("Unauthorized");
    assertThatThrownBy(() -> handler.authorize(valid, "not-an-arn")).hasMessage("Unauthorized");
    assertThatThrownBy(() -> invoke(handler, "{\"authorizationToken\":".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("Unauthorized");

    List<JsonNode> lines = new java.util.ArrayList<>();
    for (String line : logBytes.toString(StandardCharsets.UTF_8).split("\n")) {
      lines.add(EmfValidator.requireValid(line));
    }
    assertThat(lines).extracting(line -> line.path("decision").textValue() + " " + line.path("reason").textValue())
        .containsExactly("allow null", "deny token_expired", "unauthorized token_expired",
            "unauthorized no_bearer_token", "unauthorized malformed_method_arn", "unauthorized malformed_event");
    assertThat(lines).allSatisfy(line -> assertThat(line.path("_aws").path("Timestamp").longValue())
        .isEqualTo(TestTokens.NOW.toEpochMilli()));
  }

  @Test
  void writesThePlainDecisionLineWhenMetricsAreSwitchedOff() {
    handler(EnvironmentConfig.DECISION_METRICS, "off").authorize("Bearer " + TestTokens.valid(), METHOD_ARN);

    String line = logBytes.toString(StandardCharsets.UTF_8).strip();
    assertThat(line).startsWith("{\"decision\":\"allow\"").doesNotContain("_aws").doesNotContain("\"decisions\"");
    assertThat(EmfValidator.violations(line)).isNotEmpty();
  }

  @Test
  void failsInitOnANamespaceCloudWatchKeepsForAws() {
    assertThatThrownBy(() -> handler(EnvironmentConfig.METRICS_NAMESPACE, "AWS/Lambda"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith(EnvironmentConfig.METRICS_NAMESPACE);
  }

  @Test
  void leavesReportingABadConfigurationToTheCallerOutsideLambda() {
    assertThatThrownBy(() -> handler(EnvironmentConfig.JWT_SECRET, "short")).isInstanceOf(ConfigException.class);

    assertThat(logBytes.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void logsKidOfTheToken() throws IOException {
    String token = TestTokens.sign("{\"alg\":\"HS256\",\"kid\":\"k-2026\"}",
        "{\"sub\":\"alice\",\"exp\":" + TestTokens.FAR_FUTURE + "}");

    handler().authorize("Bearer " + token, METHOD_ARN);

    assertThat(logLines().get(0).path("kid").textValue()).isEqualTo("k-2026");
  }

  @Test
  void returnsTheUsageIdentifierKeyBesideThePolicyAndNeverLogsIt() throws IOException {
    String key = "clientKey0123456789abcdefABCDEF";
    String token = TestTokens.sign(TestTokens.HS256_HEADER,
        "{\"sub\":\"alice\",\"api_key\":\"" + key + "\",\"exp\":" + TestTokens.FAR_FUTURE + "}");

    JsonNode response = invoke(handler(EnvironmentConfig.USAGE_IDENTIFIER_CLAIM, "api_key"), tokenEvent(token));

    assertThat(response.path("usageIdentifierKey").textValue()).isEqualTo(key);
    assertThat(response.path("principalId").textValue()).isEqualTo("alice");
    assertThat(response.path("context")).isEqualTo(JSON.readTree("{\"sub\":\"alice\"}"));
    assertThat(logBytes.toString(StandardCharsets.UTF_8)).doesNotContain(key);
    assertThat(logLines()).singleElement().satisfies(line -> assertThat(line.path("decision").textValue())
        .isEqualTo("allow"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'' | missing_usage_identifier | missing usage identifier",
      "',\"api_key\":null' | invalid_usage_identifier | invalid usage identifier",
      "',\"api_key\":123456789012345678901234567890' | invalid_usage_identifier | invalid usage identifier",
      "',\"api_key\":{\"a\":[1e400]}' | invalid_usage_identifier | invalid usage identifier",
      "',\"api_key\":\"too-short\"' | invalid_usage_identifier | invalid usage identifier",
      "',\"api_key\":\"clientKey0123456789abc\\u202e\"' | invalid_usage_identifier | invalid usage identifier"})
  void deniesATokenWithoutAUsableUsageIdentifierWithAReasonNeverAnError(String claim, String reason, String message)
      throws IOException {
    String token = TestTokens.sign(TestTokens.HS256_HEADER,
        "{\"sub\":\"alice\",\"exp\":" + TestTokens.FAR_FUTURE + claim + "}");

    JsonNode response = invoke(handler(EnvironmentConfig.USAGE_IDENTIFIER_CLAIM, "api_key"), tokenEvent(token));

    assertThat(response.path("policyDocument").path("Statement").get(0).path("Effect").textValue()).isEqualTo("Deny");
    assertThat(response.path("context").path("reason").textValue()).isEqualTo(reason);
    assertThat(response.path("context").path("message").textValue()).isEqualTo(message);
    assertThat(response.has("usageIdentifierKey")).isFalse();
    assertThat(logLines()).singleElement().satisfies(line -> assertThat(line.path("reason").textValue())
        .isEqualTo(reason));
  }

  @Test
  void answersUnauthorizedForAMissingUsageIdentifierWhenConfiguredSo() {
    AuthorizerHandler strict = handler(EnvironmentConfig.USAGE_IDENTIFIER_CLAIM, "api_key",
        EnvironmentConfig.INVALID_TOKEN_RESPONSE, "unauthorized");

    assertThatThrownBy(() -> invoke(strict, tokenEvent(TestTokens.valid())))
        .isExactlyInstanceOf(RuntimeException.class).hasMessage("Unauthorized");
  }

  @Test
  void writesNoUsageIdentifierKeyWhenTheSettingIsOff() throws IOException {
    String token = TestTokens.sign(TestTokens.HS256_HEADER,
        "{\"sub\":\"alice\",\"api_key\":\"clientKey0123456789abcdef\",\"exp\":" + TestTokens.FAR_FUTURE + "}");

    assertThat(invoke(handler(), tokenEvent(token)).has("usageIdentifierKey")).isFalse();
  }

  private static byte[] tokenEvent(String token) {
    return ("{\"type\":\"TOKEN\",\"authorizationToken\":\"Bearer " + token + "\",\"methodArn\":\"" + METHOD_ARN
        + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void failsInitWithoutSecretNamingTheVariable() {
    assertThatThrownBy(() -> new AuthorizerHandler(Map.of(), TestTokens.CLOCK))
        .isInstanceOf(ConfigException.class).hasMessageContaining("JWT_SECRET");
  }

  @Test
  void noArgConstructorReadsTheProcessEnvironment() {
    // The build sets JWT_SECRET to the test key for the test JVM (authorizer/pom.xml, surefire).
    assertThat(System.getenv(EnvironmentConfig.JWT_SECRET)).isEqualTo(SECRET);

    // The system clock runs here: a token without iat, valid until 2100.
    String token = TestTokens.sign(TestTokens.HS256_HEADER, "{\"sub\":\"alice\",\"exp\":" + TestTokens.FAR_FUTURE + "}");

    assertThat(new AuthorizerHandler().authorize("Bearer " + token, METHOD_ARN).principalId()).isEqualTo("alice");
  }
}
