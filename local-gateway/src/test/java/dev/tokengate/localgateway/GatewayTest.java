package dev.tokengate.localgateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokengate.lambdarunner.InvocationResult;
import dev.tokengate.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** API Gateway's request path with stand-in functions: what reaches the authorizer and the backend, and what not. */
class GatewayTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "Bearer aaa.bbb.ccc";
  private static final GatewayResponses RESPONSES = new GatewayResponses(Map.of(
      "ACCESS_DENIED", new GatewayResponses.Custom(Optional.of(403), Map.of(),
          Optional.of("{\"message\":\"$context.authorizer.message\"}")),
      "UNAUTHORIZED", new GatewayResponses.Custom(Optional.of(401), Map.of("WWW-Authenticate", "'Bearer'"),
          Optional.of("{\"message\":$context.error.messageString}"))));
  private static final RestApi API = new RestApi("Api", "abc1234567", "Prod", RESPONSES, false);
  private static final RestApi METERED_API = new RestApi("Api", "abc1234567", "Prod", RESPONSES, true);
  private static final String KEY = "clientKey0123456789abcdef";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<JsonNode> authorizerEvents = new ArrayList<>();
  private final List<JsonNode> backendEvents = new ArrayList<>();
  private Function<JsonNode, InvocationResult> authorizer = event -> allowStage("user-42");
  private Function<JsonNode, InvocationResult> backend = event -> success(
      "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"application/json\"},\"body\":\"\\\"Hello from Lambda!\\\"\"}");

  @Test
  void refusesAMissingHeaderWith401WithoutCallingTheAuthorizer() {
    Gateway.Outcome outcome = gateway(300).handle(get("/hello", Map.of()));

    assertThat(outcome.reply().status()).isEqualTo(401);
    assertThat(outcome.reply().bodyText()).isEqualTo("{\"message\":\"Unauthorized\"}");
    assertThat(outcome.reply().headers()).containsEntry("WWW-Authenticate", List.of("Bearer"));
    assertThat(outcome.decision()).isEqualTo("no-token");
    assertThat(authorizerEvents).isEmpty();
  }

  @Test
  void refusesAHeaderFailingTheValidationExpressionWithoutCallingTheAuthorizer() {
    Gateway.Outcome outcome = gateway(300).handle(get("/hello", Map.of("Authorization", "Basic dXNlcg==")));

    assertThat(outcome.reply().status()).isEqualTo(401);
    assertThat(authorizerEvents).isEmpty();
  }

  @Test
  void sendsTheAuthorizerATokenEventWithTheMethodArn() {
    gateway(300).handle(get("/hello", Map.of("authorization", TOKEN)));

    assertThat(authorizerEvents).hasSize(1);
    JsonNode event = authorizerEvents.get(0);
    assertThat(event.get("type").asText()).isEqualTo("TOKEN");
    assertThat(event.get("authorizationToken").asText()).isEqualTo(TOKEN);
    assertThat(event.get("methodArn").asText())
        .isEqualTo("arn:aws:execute-api:us-east-1:123456789012:abc1234567/Prod/GET/hello");
  }

  @Test
  void answersUnauthorizedFromTheAuthorizerWith401() {
    authorizer = event -> new InvocationResult.Failure("java.lang.RuntimeException", "Unauthorized");

    Gateway.Outcome outcome = gateway(300).handle(get("/hello", Map.of("Authorization", TOKEN)));

    assertThat(outcome.reply().status()).isEqualTo(401);
    assertThat(outcome.reply().bodyText()).isEqualTo("{\"message\":\"Unauthorized\"}");
    assertThat(backendEvents).isEmpty();
  }

  @Test
  void answersAnyOtherAuthorizerErrorWith500() {
    authorizer = event -> new InvocationResult.Failure("java.lang.IllegalStateException", "boom");

    Gateway.Outcome outcome = gateway(300).handle(get("/hello", Map.of("Authorization", TOKEN)));

    assertThat(outcome.reply().status()).isEqualTo(500);
    assertThat(outcome.reply().bodyText()).isEqualTo("{\"message\":null}");
    assertThat(outcome.decision()).isEqualTo("authorizer-error");
  }

  @Test
  void answersAMalformedPolicyWith500() {
    authorizer = event -> success("{\"principalId\":\"u\",\"policyDocument\":{\"Statement\":[{\"Effect\":\"Maybe\"}]}}");

    Gateway.Outcome outcome = gateway(300).handle(get("/hello", Map.of("Authorization", TOKEN)));

    assertThat(outcome.reply().status()).isEqualTo(500);
    assertThat(backendEvents).isEmpty();
  }

  @Test
  void rendersADenyThroughAccessDeniedWithTheAuthorizersMessage() {
    authorizer = event -> success(policy("Deny", "*", "{\"reason\":\"token_expired\",\"message\":\"token expired\"}"));

    Gateway.Outcome outcome = gateway(300).handle(get("/hello", Map.of("Authorization", TOKEN)));

    assertThat(outcome.reply().status()).isEqualTo(403);
    assertThat(outcome.reply().bodyText()).isEqualTo("{\"message\":\"token expired\"}");
    assertThat(outcome.decision()).isEqualTo("deny");
    assertThat(backendEvents).isEmpty();
  }

  @Test
  void deniesARouteTheAllowDoesNotCover() {
    authorizer = event -> success(policy("Allow",
        "arn:aws:execute-api:us-east-1:123456789012:abc1234567/Prod/GET/hello", "{}"));

    Gateway gateway = gateway(300);
    Gateway.Outcome hello = gateway.handle(get("/hello", Map.of("Authorization", TOKEN)));
    Gateway.Outcome whoami = gateway.handle(get("/whoami", Map.of("Authorization", TOKEN)));

    assertThat(hello.reply().status()).isEqualTo(200);
    assertThat(whoami.reply().status()).isEqualTo(403);
    assertThat(whoami.decision()).isEqualTo("deny (cached)");
  }

  @Test
  void passesThePrincipalAndContextToTheBackendAndReturnsItsResponse() {
    authorizer = event -> success(policy("Allow", "arn:aws:execute-api:us-east-1:123456789012:abc1234567/Prod/*/*",
        "{\"sub\":\"user-42\",\"admin\":true}"));

    Gateway.Outcome outcome = gateway(300).handle(get("/hello?x=1&x=2", Map.of("Authorization", TOKEN)));

    assertThat(outcome.reply().status()).isEqualTo(200);
    assertThat(outcome.reply().bodyText()).isEqualTo("\"Hello from Lambda!\"");
    assertThat(outcome.reply().headers()).containsEntry("Content-Type", List.of("application/json"))
        .containsKey("x-amzn-RequestId");
    JsonNode event = backendEvents.get(0);
    assertThat(event.get("resource").asText()).isEqualTo("/hello");
    assertThat(event.get("httpMethod").asText()).isEqualTo("GET");
    assertThat(event.at("/queryStringParameters/x").asText()).isEqualTo("2");
    assertThat(event.at("/multiValueQueryStringParameters/x").toString()).isEqualTo("[\"1\",\"2\"]");
    JsonNode context = event.at("/requestContext/authorizer");
    assertThat(context.get("principalId").asText()).isEqualTo("user-42");
    assertThat(context.get("sub").asText()).isEqualTo("user-42");
    assertThat(context.get("admin").asText()).isEqualTo("true");
    assertThat(context.get("integrationLatency").isNumber()).isTrue();
    assertThat(event.at("/requestContext/stage").asText()).isEqualTo("Prod");
    assertThat(event.at("/requestContext/path").asText()).isEqualTo("/Prod/hello");
  }

  @Test
  void reusesTheCachedPolicyAcrossRoutesUntilTheTtlRunsOut() {
    Gateway gateway = gateway(300);

    Gateway.Outcome first = gateway.handle(get("/hello", Map.of("Authorization", TOKEN)));
    Gateway.Outcome second = gateway.handle(get("/whoami", Map.of("Authorization", TOKEN)));
    clock.advance(Duration.ofSeconds(300));
    gateway.handle(get("/hello", Map.of("Authorization", TOKEN)));

    assertThat(first.decision()).isEqualTo("allow");
    assertThat(second.decision()).isEqualTo("allow (cached)");
    assertThat(second.reply().status()).isEqualTo(200);
    assertThat(authorizerEvents).hasSize(2);
  }

  @Test
  void callsTheAuthorizerEveryTimeWhenTheTtlIsZero() {
    Gateway gateway = gateway(0);

    gateway.handle(get("/hello", Map.of("Authorization", TOKEN)));
    gateway.handle(get("/hello", Map.of("Authorization", TOKEN)));

    assertThat(authorizerEvents).hasSize(2);
  }

  @Test
  void servesAPublicRouteWithoutTheAuthorizer() {
    Gateway.Outcome outcome = gateway(300).handle(get("/health", Map.of()));

    assertThat(outcome.reply().status()).isEqualTo(200);
    assertThat(outcome.decision()).isEqualTo("public");
    assertThat(authorizerEvents).isEmpty();
    assertThat(backendEvents.get(0).at("/requestContext/authorizer").isMissingNode()).isTrue();
  }

  @Test
  void answersAnUnknownRouteLikeApiGateway() {
    Gateway.Outcome outcome = gateway(300).handle(get("/nope", Map.of("Authorization", TOKEN)));

    assertThat(outcome.reply().status()).isEqualTo(403);
    assertThat(outcome.reply().bodyText()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
    assertThat(authorizerEvents).isEmpty();
  }

  @Test
  void answersAFailingBackendWith502() {
    backend = event -> new InvocationResult.Failure("java.lang.NullPointerException", "oops");

    Gateway.Outcome outcome = gateway(300).handle(get("/health", Map.of()));

    assertThat(outcome.reply().status()).isEqualTo(502);
    assertThat(outcome.reply().bodyText()).isEqualTo("{\"message\":\"Internal server error\"}");
  }

  @Test
  void answersAMalformedProxyResponseWith502() {
    backend = event -> success("{\"statusCode\":200,\"body\":\"ok\",\"extra\":1}");

    assertThat(gateway(300).handle(get("/health", Map.of())).reply().status()).isEqualTo(502);
  }

  @Test
  void decodesABase64BodyFromTheBackend() {
    backend = event -> success("{\"statusCode\":201,\"multiValueHeaders\":{\"X-A\":[\"1\",\"2\"]},"
        + "\"body\":\"aGk=\",\"isBase64Encoded\":true}");

    HttpReply reply = gateway(300).handle(get("/health", Map.of())).reply();

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.bodyText()).isEqualTo("hi");
    assertThat(reply.headers()).containsEntry("X-A", List.of("1", "2"));
  }

  @Test
  void givesTheBackendTheAllowsUsageIdentifierKeyAsApiKeyWhenTheKeySourceIsAuthorizer() {
    authorizer = event -> success(allowStageWithKey());

    Gateway gateway = gateway(300, METERED_API);
    gateway.handle(get("/hello", Map.of("Authorization", TOKEN)));
    Gateway.Outcome cached = gateway.handle(get("/whoami", Map.of("Authorization", TOKEN)));

    assertThat(cached.decision()).isEqualTo("allow (cached)");
    assertThat(backendEvents).hasSize(2).allSatisfy(event -> {
      assertThat(event.at("/requestContext/identity/apiKey").textValue()).isEqualTo(KEY);
      assertThat(event.at("/requestContext/identity/apiKeyId").isNull()).isTrue();
      assertThat(event.at("/requestContext/authorizer").toString()).doesNotContain(KEY);
    });
  }

  @Test
  void leavesTheApiKeyNullWhenTheKeySourceIsTheHeaderOrTheAllowHasNoKey() {
    authorizer = event -> success(allowStageWithKey());
    gateway(300).handle(get("/hello", Map.of("Authorization", TOKEN)));
    authorizer = event -> allowStage("user-42");
    gateway(300, METERED_API).handle(get("/hello", Map.of("Authorization", TOKEN)));

    assertThat(backendEvents).hasSize(2).allSatisfy(event ->
        assertThat(event.at("/requestContext/identity/apiKey").isNull()).isTrue());
  }

  @Test
  void answersAUsageIdentifierKeyThatIsNotAStringWith500() {
    authorizer = event -> success(allowStageWithKey().replace("\"" + KEY + "\"", "42"));

    Gateway.Outcome outcome = gateway(300, METERED_API).handle(get("/hello", Map.of("Authorization", TOKEN)));

    assertThat(outcome.reply().status()).isEqualTo(500);
    assertThat(backendEvents).isEmpty();
  }

  private static String allowStageWithKey() {
    String allow = new String(((InvocationResult.Success) allowStage("user-42")).payload(), StandardCharsets.UTF_8);
    return allow.substring(0, allow.length() - 1) + ",\"context\":{\"sub\":\"user-42\"},\"usageIdentifierKey\":\""
        + KEY + "\"}";
  }

  private Gateway gateway(int ttlSeconds) {
    return gateway(ttlSeconds, API);
  }

  private Gateway gateway(int ttlSeconds, RestApi api) {
    TokenAuthorizer jwt = new TokenAuthorizer("Jwt", "Authorizer", "Authorization",
        Optional.of(Pattern.compile("^Bearer [-0-9a-zA-Z_]+\\.[-0-9a-zA-Z_]+\\.[-0-9a-zA-Z_]+$")),
        Duration.ofSeconds(ttlSeconds));
    RouteTable routes = new RouteTable(List.of(
        new Route("GET", "/hello", "Backend", api, Optional.of(jwt)),
        new Route("GET", "/whoami", "Backend", api, Optional.of(jwt)),
        new Route("GET", "/health", "Backend", api, Optional.empty())));
    Gateway.Functions functions = (name, event, limit) -> {
      JsonNode parsed = read(event);
      if (name.equals("Authorizer")) {
        authorizerEvents.add(parsed);
        return authorizer.apply(parsed);
      }
      backendEvents.add(parsed);
      return backend.apply(parsed);
    };
    return new Gateway(routes, functions, Map.of("Authorizer", 5, "Backend", 5), new PolicyCache(clock, 100), clock);
  }

  private static IncomingRequest get(String target, Map<String, String> headers) {
    int query = target.indexOf('?');
    Map<String, List<String>> multi = new java.util.LinkedHashMap<>();
    headers.forEach((name, value) -> multi.put(name, List.of(value)));
    return new IncomingRequest("GET", query < 0 ? target : target.substring(0, query),
        query < 0 ? null : target.substring(query + 1), multi, new byte[0], "127.0.0.1");
  }

  private static InvocationResult allowStage(String principal) {
    return success("{\"principalId\":\"" + principal + "\",\"policyDocument\":{\"Version\":\"2012-10-17\","
        + "\"Statement\":[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\","
        + "\"Resource\":[\"arn:aws:execute-api:us-east-1:123456789012:abc1234567/Prod/*/*\"]}]}}");
  }

  private static String policy(String effect, String resource, String context) {
    return "{\"principalId\":\"user-42\",\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{"
        + "\"Action\":\"execute-api:Invoke\",\"Effect\":\"" + effect + "\",\"Resource\":\"" + resource + "\"}]},"
        + "\"context\":" + context + "}";
  }

  private static InvocationResult success(String payload) {
    return new InvocationResult.Success(payload.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode read(byte[] event) {
    try {
      return JSON.readTree(event);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
