package dev.tokengate.lambdarunner.javaruntime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokengate.lambdarunner.InvocationResult;
import dev.tokengate.lambdarunner.RuntimeApi;
import dev.tokengate.lambdarunner.testfunctions.TestFunctions;
import dev.tokengate.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pure-Java runtime against lambda-runner's Runtime API, in this JVM: the handler kinds, the error document,
 * the init error. The test functions are on this JVM's class path, the parent of the function's class loader.
 */
class JavaRuntimeTest {

  private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:Fn";
  private static final FunctionInfo FUNCTION = new FunctionInfo("Fn", "$LATEST", 256, "/aws/lambda/Fn", "local");
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @TempDir
  Path taskRoot;

  private RuntimeApi api;

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void answersAStreamHandlerWithTheBytesItWrote() throws Exception {
    start(name(TestFunctions.Echo.class));

    assertThat(payload(invoke("{\"n\":1}"))).isEqualTo("{\"n\":1}");
  }

  @Test
  void deserializesAnApiGatewayEventAndSerializesTheResponseAsTheJavaRuntimeDoes() throws Exception {
    start(name(TestFunctions.Greeter.class) + "::handleRequest");

    JsonNode response = JSON.readTree(payload(invoke("{\"path\":\"/hello\",\"httpMethod\":\"GET\"}")));

    assertThat(response.get("statusCode").asInt()).isEqualTo(200);
    assertThat(response.get("body").asText()).isEqualTo("hello /hello");
  }

  @Test
  void givesAPojoHandlerItsInputAndTheContext() throws Exception {
    start(name(TestFunctions.Describer.class) + "::describe");

    JsonNode answer = JSON.readTree(payload(invoke("{\"name\":\"alice\"}")));

    assertThat(answer.get("greeting").asText()).isEqualTo("hello alice");
    assertThat(answer.get("function").asText()).isEqualTo("Fn");
    assertThat(answer.get("version").asText()).isEqualTo("$LATEST");
    assertThat(answer.get("memory").asInt()).isEqualTo(256);
    assertThat(answer.get("remaining").asLong()).isEqualTo(TIMEOUT.toMillis());
    assertThat(answer.get("arn").asText()).isEqualTo(ARN);
    assertThat(answer.get("requestId").asText()).matches("[0-9a-f-]{36}");
  }

  @Test
  void callsAStaticMethodAndAnswersNullForOneThatReturnsNothing() throws Exception {
    start(name(TestFunctions.Statics.class) + "::shout");
    assertThat(payload(invoke("\"hi\""))).isEqualTo("\"HI\"");
    api.close();

    start(name(TestFunctions.Statics.class) + "::ignore");
    assertThat(payload(invoke("{}"))).isEqualTo("null");
  }

  @Test
  void reportsWhatTheFunctionThrowsAsItsErrorAndKeepsServing() throws Exception {
    start(name(TestFunctions.Echo.class) + "::handleRequest");

    InvocationResult failed = invoke("\"fail\"");
    InvocationResult next = invoke("\"ok\"");

    assertThat(failed).isEqualTo(new InvocationResult.Failure("java.lang.RuntimeException", "Unauthorized"));
    assertThat(payload(next)).isEqualTo("\"ok\"");
  }

  @Test
  void reportsAnEventItCannotReadAsTheJavaRuntimesParsingError() throws Exception {
    start(name(TestFunctions.Describer.class) + "::describe");

    assertThat(invoke("not json")).isEqualTo(
        new InvocationResult.Failure("java.lang.RuntimeException", "An error occurred during JSON parsing"));
  }

  @Test
  void reportsAConstructorThatThrowsAsAnInitErrorAndExits() throws Exception {
    CompletableFuture<Integer> exit = start(name(TestFunctions.FailingInit.class) + "::handleRequest");

    assertThat(api.initialized()).failsWithin(TIMEOUT)
        .withThrowableOfType(ExecutionException.class)
        .havingCause()
        .isInstanceOf(RuntimeApi.InitErrorException.class)
        .withMessage("java.lang.IllegalStateException: no key configured");
    assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(1);
  }

  @Test
  void answersEveryInvocationWithTheFaultWhenTheClassIsMissing() throws Exception {
    start("dev.example.Missing::handleRequest");

    InvocationResult.Failure fault =
        new InvocationResult.Failure("java.lang.ClassNotFoundException", "Class not found: dev.example.Missing");
    assertThat(invoke("{}")).isEqualTo(fault);
    assertThat(invoke("{}")).isEqualTo(fault);
  }

  /** Starts the runtime in its own thread, as a function's JVM would run it; completes with its exit status. */
  private CompletableFuture<Integer> start(String handler) throws Exception {
    api = RuntimeApi.start(ARN, clock);
    JavaRuntime runtime = new JavaRuntime(new RuntimeApiClient(api.address()), FUNCTION, taskRoot, clock);
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        exit.complete(runtime.run(handler));
      } catch (Exception e) {
        exit.completeExceptionally(e);
      }
    }, "java-runtime");
    thread.setDaemon(true);
    thread.start();
    return exit;
  }

  private InvocationResult invoke(String event) throws Exception {
    return api.invoke(event.getBytes(StandardCharsets.UTF_8), TIMEOUT).get(10, TimeUnit.SECONDS);
  }

  private static String payload(InvocationResult result) {
    assertThat(result).isInstanceOf(InvocationResult.Success.class);
    return new String(((InvocationResult.Success) result).payload(), StandardCharsets.UTF_8);
  }

  static String name(Class<?> handler) {
    return handler.getName();
  }
}
