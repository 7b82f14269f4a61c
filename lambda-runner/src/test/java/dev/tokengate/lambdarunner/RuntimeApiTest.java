package dev.tokengate.lambdarunner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokengate.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Plays the runtime interface client's part of the Runtime API with a plain HTTP client. */
class RuntimeApiTest {

  private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:Hello";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final HttpClient http = HttpClient.newHttpClient();
  private RuntimeApi api;

  @AfterEach
  void close() {
    api.close();
  }

  @Test
  void handsTheEventToTheRuntimeWithLambdasHeadersAndReturnsItsResponse() throws Exception {
    api = RuntimeApi.start(ARN, clock);
    CompletableFuture<InvocationResult> result = api.invoke(bytes("{\"n\":1}"), Duration.ofSeconds(3));

    HttpResponse<String> next = get("invocation/next");
    String requestId = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
    HttpResponse<String> posted = post("invocation/" + requestId + "/response", "{\"statusCode\":200}");

    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(next.body()).isEqualTo("{\"n\":1}");
    assertThat(next.headers().firstValue("Lambda-Runtime-Deadline-Ms"))
        .contains(Long.toString(clock.millis() + 3000));
    assertThat(next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn")).contains(ARN);
    assertThat(next.headers().firstValue("Lambda-Runtime-Trace-Id")).isPresent();
    assertThat(posted.statusCode()).isEqualTo(202);
    InvocationResult done = result.get(5, TimeUnit.SECONDS);
    assertThat(done).isInstanceOf(InvocationResult.Success.class);
    assertThat(new String(((InvocationResult.Success) done).payload(), StandardCharsets.UTF_8))
        .isEqualTo("{\"statusCode\":200}");
  }

  @Test
  void reportsAFunctionErrorWithItsTypeAndMessage() throws Exception {
    api = RuntimeApi.start(ARN, clock);
    CompletableFuture<InvocationResult> result = api.invoke(bytes("{}"), Duration.ofSeconds(3));

    String requestId = get("invocation/next").headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
    post("invocation/" + requestId + "/error",
        "{\"errorMessage\":\"Unauthorized\",\"errorType\":\"java.lang.RuntimeException\",\"stackTrace\":[]}");

    assertThat(result.get(5, TimeUnit.SECONDS))
        .isEqualTo(new InvocationResult.Failure("java.lang.RuntimeException", "Unauthorized"));
  }

  @Test
  void isInitializedWhenTheRuntimeFirstAsksForAnEvent() throws Exception {
    api = RuntimeApi.start(ARN, clock);
    assertThat(api.initialized()).isNotDone();
    api.invoke(bytes("{}"), Duration.ofSeconds(3));

    get("invocation/next");

    assertThat(api.initialized()).isCompleted();
  }

  @Test
  void anInitErrorFailsInitialization() throws Exception {
    api = RuntimeApi.start(ARN, clock);

    HttpResponse<String> posted = post("init/error",
        "{\"errorMessage\":\"Class not found: a.B\",\"errorType\":\"java.lang.ClassNotFoundException\"}");

    assertThat(posted.statusCode()).isEqualTo(202);
    assertThat(api.initialized()).failsWithin(Duration.ofSeconds(1))
        .withThrowableOfType(ExecutionException.class)
        .havingCause()
        .isInstanceOf(RuntimeApi.InitErrorException.class)
        .withMessage("java.lang.ClassNotFoundException: Class not found: a.B");
  }

  @Test
  void refusesAResponseForAnUnknownRequest() throws Exception {
    api = RuntimeApi.start(ARN, clock);

    assertThat(post("invocation/not-a-request/response", "{}").statusCode()).isEqualTo(400);
    assertThat(get("unknown").statusCode()).isEqualTo(404);
  }

  @Test
  void endsWaitingInvocationsWhenTheRuntimeIsAbandoned() throws Exception {
    api = RuntimeApi.start(ARN, clock);
    CompletableFuture<InvocationResult> result = api.invoke(bytes("{}"), Duration.ofSeconds(3));

    api.abandon(new InvocationResult.Failure("Runtime.ExitError", "exited"));

    assertThat(result.get(1, TimeUnit.SECONDS)).isEqualTo(new InvocationResult.Failure("Runtime.ExitError", "exited"));
  }

  @Test
  void listensOnLoopbackOnly() throws Exception {
    api = RuntimeApi.start(ARN, clock);

    assertThat(api.boundAddress().getAddress().isLoopbackAddress()).isTrue();
    assertThat(api.address()).startsWith("127.0.0.1:" + api.boundAddress().getPort() + "/");
  }

  @Test
  void refusesAnotherLocalClientThatDoesNotKnowTheSecretPath() throws Exception {
    api = RuntimeApi.start(ARN, clock);
    CompletableFuture<InvocationResult> result = api.invoke(bytes("{\"authorizationToken\":\"Bearer x\"}"),
        Duration.ofSeconds(3));
    URI server = URI.create("http://" + api.address());
    String bare = "http://127.0.0.1:" + server.getPort() + "/2018-06-01/runtime/";
    String guessed = "http://127.0.0.1:" + server.getPort() + "/" + "0".repeat(32) + "/2018-06-01/runtime/";

    HttpResponse<String> rogueNext = send(getRequest(bare + "invocation/next"));
    HttpResponse<String> guessedNext = send(getRequest(guessed + "invocation/next"));
    HttpResponse<String> rogueInitError = send(postRequest(bare + "init/error", "{\"errorMessage\":\"x\"}"));
    HttpResponse<String> next = send(getRequest(uri("invocation/next").toString()));
    String requestId = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
    String forged = "{\"principalId\":\"attacker\"}";
    HttpResponse<String> rogueResponse = send(postRequest(bare + "invocation/" + requestId + "/response", forged));
    HttpResponse<String> guessedResponse = send(postRequest(guessed + "invocation/" + requestId + "/response", forged));

    assertThat(List.of(rogueNext, guessedNext, rogueInitError, rogueResponse, guessedResponse))
        .allSatisfy(refused -> {
          assertThat(refused.statusCode()).isEqualTo(403);
          assertThat(refused.body()).doesNotContain("Bearer").doesNotContain(requestId);
          assertThat(refused.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).isEmpty();
        });
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(next.body()).contains("Bearer x");
    assertThat(api.initialized()).isCompleted();
    assertThat(result).isNotDone();
    post("invocation/" + requestId + "/response", "{\"principalId\":\"user\"}");
    assertThat(new String(((InvocationResult.Success) result.get(5, TimeUnit.SECONDS)).payload(),
        StandardCharsets.UTF_8)).isEqualTo("{\"principalId\":\"user\"}");
  }

  @Test
  void drawsANewSecretForEveryStart() throws Exception {
    api = RuntimeApi.start(ARN, clock);
    try (RuntimeApi other = RuntimeApi.start(ARN, clock)) {
      String secret = api.address().substring(api.address().indexOf('/') + 1);
      String otherSecret = other.address().substring(other.address().indexOf('/') + 1);

      assertThat(secret).matches("[0-9a-f]{32}");
      assertThat(otherSecret).matches("[0-9a-f]{32}").isNotEqualTo(secret);
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Answers within 2 s: a refused request must not wait for an event either. */
  private static HttpRequest getRequest(String uri) {
    return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(2)).GET().build();
  }

  private static HttpRequest postRequest(String uri, String body) {
    return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(2))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://" + api.address() + "/2018-06-01/runtime/" + path);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
