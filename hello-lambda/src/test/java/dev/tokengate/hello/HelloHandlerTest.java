package dev.tokengate.hello;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Drives the handler with the shared {@code events/hello} fixtures, loaded by AWS's own event serializer. */
class HelloHandlerTest {

  private final HelloHandler handler = new HelloHandler();
  private final ObjectMapper json = new ObjectMapper();

  private static APIGatewayProxyRequestEvent event(String name) {
    return EventLoader.loadApiGatewayRestEvent("../events/hello/" + name);
  }

  @Test
  void answersHelloFromLambdaAsJsonString() throws Exception {
    APIGatewayProxyResponseEvent response = handler.handleRequest(event("get-hello.json"), null);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
    assertThat(response.getBody()).isEqualTo("\"Hello from Lambda!\"");
    assertThat(json.readTree(response.getBody()).textValue()).isEqualTo("Hello from Lambda!");
  }

  @Test
  void whoamiShowsPrincipalAndAuthorizerContext() throws Exception {
    APIGatewayProxyResponseEvent response = handler.handleRequest(event("get-whoami.json"), null);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
    JsonNode body = json.readTree(response.getBody());
    assertThat(body.get("principalId").textValue()).isEqualTo("user-42");
    assertThat(body.get("context").get("sub").textValue()).isEqualTo("user-42");
    assertThat(body.get("context").get("role").textValue()).isEqualTo("admin");
    assertThat(body.get("context").get("integrationLatency").intValue()).isEqualTo(12);
    assertThat(body.get("context").has("principalId")).isFalse();
  }

  @Test
  void whoamiWithoutAuthorizerShowsNullPrincipal() throws Exception {
    APIGatewayProxyRequestEvent request = event("get-whoami.json");
    request.getRequestContext().setAuthorizer(null);

    APIGatewayProxyResponseEvent response = handler.handleRequest(request, null);

    assertThat(response.getStatusCode()).isEqualTo(200);
    JsonNode body = json.readTree(response.getBody());
    assertThat(body.get("principalId").isNull()).isTrue();
    assertThat(body.get("context").isEmpty()).isTrue();
  }

  @Test
  void whoamiEscapesHostileContextValues() throws Exception {
    APIGatewayProxyRequestEvent request = event("get-whoami.json");
    request.getRequestContext().setAuthorizer(Map.of("principalId", "\"},\"admin\":true,\"x\":{\"", "flag", true));

    JsonNode body = json.readTree(handler.handleRequest(request, null).getBody());

    assertThat(body.get("principalId").textValue()).isEqualTo("\"},\"admin\":true,\"x\":{\"");
    assertThat(body.has("admin")).isFalse();
    assertThat(body.get("context").get("flag").booleanValue()).isTrue();
  }

  @Test
  void answersNotFoundForUnknownRoute() throws Exception {
    APIGatewayProxyResponseEvent response = handler.handleRequest(event("get-unknown-route.json"), null);

    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
    assertThat(json.readTree(response.getBody()).get("message").textValue()).isEqualTo("Not Found");
  }

  @Test
  void answersNotFoundForOtherMethodOnKnownRoute() {
    APIGatewayProxyResponseEvent response = handler.handleRequest(event("post-hello.json"), null);

    assertThat(response.getStatusCode()).isEqualTo(404);
  }

  @Test
  void answersNotFoundForEmptyEvent() {
    APIGatewayProxyResponseEvent response = handler.handleRequest(new APIGatewayProxyRequestEvent(), null);

    assertThat(response.getStatusCode()).isEqualTo(404);
  }

  @Test
  void routesByPathWhenEventHasNoResource() {
    APIGatewayProxyRequestEvent request = new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath("/hello");

    assertThat(handler.handleRequest(request, null).getStatusCode()).isEqualTo(200);
  }

  @Test
  void neverWritesTheRequestToStandardStreams() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      System.setErr(capture);
      handler.handleRequest(event("get-whoami.json"), null);
      handler.handleRequest(event("get-unknown-route.json"), null);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("Bearer");
  }
}
