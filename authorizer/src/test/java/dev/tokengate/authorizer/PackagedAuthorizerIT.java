package dev.tokengate.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokengate.authorizer.secrets.FakeSecretsManager;
import dev.tokengate.authorizer.secrets.SecretFetcher;
import dev.tokengate.core.config.ConfigException;
import dev.tokengate.core.config.EnvironmentConfig;
import dev.tokengate.lambdarunner.ChildJvm;
import dev.tokengate.lambdarunner.FunctionConfiguration;
import dev.tokengate.lambdarunner.InvocationResult;
import dev.tokengate.lambdarunner.RuntimeApi;
import dev.tokengate.lambdarunner.TaskRoot;
import dev.tokengate.testing.EnabledWithNativeRuntimeClient;
import dev.tokengate.testing.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.annotations.SdkInternalApi;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

/**
 * Runs the packaged {@code target/authorizer.jar} as Lambda does, with lambda-runner: unpacked into a task
 * directory, loaded by AWS's runtime interface client in its own JVM with Lambda's flags, invoked through a local
 * Runtime API. The events are the shared {@code events/authorizer} fixtures, the answers must equal the golden
 * files. With {@code JWT_SECRET_ARN} (against a local Secrets Manager stand-in) the artifact's own slf4j binding
 * must log the AWS SDK's warnings.
 *
 * <p>Linux only: the runtime client ships its HTTP client as a native library for Linux (x86_64 and aarch64);
 * elsewhere the test is skipped with that reason.
 */
@EnabledWithNativeRuntimeClient
class PackagedAuthorizerIT {

  private static final Path EVENTS = Path.of("..", "events", "authorizer");
  private static final String FUNCTION_NAME = "tokengate-authorizer";
  private static final String HANDLER = "dev.tokengate.authorizer.AuthorizerHandler::handleRequest";
  /** The template's MemorySize, which sizes the JVM as Lambda sizes it, and its Timeout. */
  private static final int MEMORY_MB = 1024;
  private static final int TIMEOUT_SECONDS = 5;
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Lambda's variable for the function's log format: {@code Text} (the default) or {@code JSON}. */
  private static final String LOG_FORMAT = "AWS_LAMBDA_LOG_FORMAT";
  /** One class of each library that Lambda puts on the runtime's classpath (the client's own dependencies). */
  private static final List<Class<?>> RUNTIME_LIBRARIES = List.of(
      AWSLambda.class, Context.class, PojoSerializer.class, SdkInternalThreadLocal.class, SdkInternalApi.class);

  @TempDir
  static Path work;

  private static Path task;
  private static ChildJvm jvm;
  private static RuntimeUnderTest runtime;

  @BeforeAll
  static void startTheArtifactUnderTheRuntimeClient() throws IOException, URISyntaxException {
    Path artifact = Path.of(System.getProperty("tokengate.authorizer.jar", "target/authorizer.jar"));
    assertThat(artifact).as("the packaged authorizer (run: ./mvnw -B verify)").isRegularFile();
    task = TaskRoot.prepare(artifact, work);
    jvm = ChildJvm.ofCurrentJava(runtimeJars(), work);
    runtime = RuntimeUnderTest.start(Map.of(EnvironmentConfig.JWT_SECRET, TestTokens.SECRET), "runtime.log");
  }

  @AfterAll
  static void stopTheRuntime() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void answersAValidTokenWithTheAllowPolicy() throws Exception {
    InvocationResult answer = invoke("allow-sub.json");

    assertThat(answer).as("posted as an error: %s", answer).isInstanceOf(InvocationResult.Success.class);
    assertThat(JSON.readTree(payload(answer))).isEqualTo(golden("allow-sub.json"));
  }

  @Test
  void answersAnInvalidTokenWithTheDenyPolicy() throws Exception {
    InvocationResult answer = invoke("deny-expired.json");

    assertThat(answer).as("posted as an error: %s", answer).isInstanceOf(InvocationResult.Success.class);
    assertThat(JSON.readTree(payload(answer))).isEqualTo(golden("deny-expired.json"));
  }

  @Test
  void answersAMalformedHeaderWithTheErrorApiGatewayTurnsInto401() throws Exception {
    InvocationResult answer = invoke("unauthorized-basic-scheme.json");

    assertThat(answer).as("posted as a response: %s", answer).isInstanceOf(InvocationResult.Failure.class);
    InvocationResult.Failure error = (InvocationResult.Failure) answer;
    assertThat(error.errorMessage()).isEqualTo("Unauthorized");
    assertThat(error.errorType()).isEqualTo("java.lang.RuntimeException");
  }

  @Test
  void keepsServingAfterAnError() throws Exception {
    assertThat(invoke("unauthorized-basic-scheme.json")).isInstanceOf(InvocationResult.Failure.class);

    assertThat(JSON.readTree(payload(invoke("allow-user-id.json")))).isEqualTo(golden("allow-user-id.json"));
  }

  @Test
  void failsInitWithoutASecretSoApiGatewayFailsClosed() throws Exception {
    try (RuntimeUnderTest unconfigured = RuntimeUnderTest.start(Map.of(), "unconfigured.log")) {
      RuntimeApi.InitErrorException error = unconfigured.initError();

      assertThat(error.errorType()).isEqualTo(ConfigException.class.getName());
      assertThat(error.errorMessage()).contains(EnvironmentConfig.JWT_SECRET);
      assertThat(unconfigured.process().waitFor(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
          .as("the runtime client exits after an init error").isTrue();
    }
  }

  @Test
  void readsTheKeyFromSecretsManagerAndLogsTheSdkWarningsAsSingleLines() throws Exception {
    try (FakeSecretsManager secretsManager = new FakeSecretsManager()) {
      secretsManager.put(SecretFetcher.AWSCURRENT, TestTokens.SECRET);
      // A config file with a profile the SDK ignores: a cheap way to make it log one real warning.
      Path configFile = Files.writeString(work.resolve("aws-config"), "[tokengate]\nregion = us-east-1\n");
      Map<String, String> environment = secretsManager.env(
          "AWS_ACCESS_KEY_ID", "test-only-access-key",
          "AWS_SECRET_ACCESS_KEY", "test-only-secret-access-key",
          "AWS_SESSION_TOKEN", "test-only-session-token",
          "AWS_CONFIG_FILE", configFile.toString());

      try (RuntimeUnderTest withSecretArn = RuntimeUnderTest.start(environment, "secret-arn.log")) {
        InvocationResult answer = withSecretArn.invoke(Files.readAllBytes(EVENTS.resolve("allow-sub.json")));

        assertThat(answer).as("posted as an error: %s", answer).isInstanceOf(InvocationResult.Success.class);
        assertThat(JSON.readTree(payload(answer))).isEqualTo(golden("allow-sub.json"));
        List<String> output = Files.readAllLines(withSecretArn.log(), StandardCharsets.UTF_8);
        assertThat(output).as("slf4j found its binding").noneMatch(line -> line.startsWith("SLF4J:"));
        // The SDK reads the file more than once; each warning is one whole line: level, short logger name, text.
        assertThat(output).filteredOn(line -> line.contains("Ignoring profile")).isNotEmpty()
            .allSatisfy(line -> assertThat(line)
                .startsWith("WARN ProfileFileReader - Ignoring profile 'tokengate' on line 1")
                .endsWith("'default'."));
      }
    }
  }

  /**
   * The runtime client writes {@code System.out} to the function's stdout unchanged in both of Lambda's log
   * formats: with {@code AWS_LAMBDA_LOG_FORMAT=JSON} it wraps only what goes through its {@code LambdaLogger}. And
   * Lambda does not encode again a line that is already a JSON object ("Lambda doesn't double-encode any logs that
   * are already JSON encoded", https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-logformat.html).
   * So each decision line reaches CloudWatch Logs as the embedded metric format document it is, in either format.
   */
  @ParameterizedTest
  @ValueSource(strings = {"Text", "JSON"})
  void writesEachDecisionAsOneEmbeddedMetricFormatLineInEitherLogFormat(String logFormat) throws Exception {
    Map<String, String> environment =
        Map.of(EnvironmentConfig.JWT_SECRET, TestTokens.SECRET, LOG_FORMAT, logFormat);
    try (RuntimeUnderTest formatted = RuntimeUnderTest.start(environment, "log-format-" + logFormat + ".log")) {
      for (String fixture : List.of("allow-sub.json", "deny-expired.json", "unauthorized-basic-scheme.json")) {
        formatted.invoke(Files.readAllBytes(EVENTS.resolve(fixture)));
      }

      List<JsonNode> lines = new ArrayList<>();
      for (String line : Files.readAllLines(formatted.log(), StandardCharsets.UTF_8)) {
        lines.add(EmfValidator.requireValid(line));
      }
      assertThat(lines).extracting(line -> line.path("decision").textValue() + " " + line.path("reason").textValue())
          .containsExactly("allow null", "deny token_expired", "unauthorized no_bearer_token");
    }
  }

  /**
   * The JSON log format is really in force in that runtime: the client reports a failed init as a JSON object of
   * its own, while the authorizer's {@code init_failed} line, written to {@code System.out}, passes unchanged.
   */
  @Test
  void failsInitOnANamespaceKeptForAwsAndTheJsonLogFormatWrapsOnlyTheRuntimesOwnLines() throws Exception {
    Map<String, String> environment = Map.of(EnvironmentConfig.JWT_SECRET, TestTokens.SECRET, LOG_FORMAT, "JSON",
        EnvironmentConfig.METRICS_NAMESPACE, "AWS/Lambda");
    try (RuntimeUnderTest misconfigured = RuntimeUnderTest.start(environment, "reserved-namespace.log")) {
      assertThat(misconfigured.initError().errorMessage()).startsWith(EnvironmentConfig.METRICS_NAMESPACE);
      assertThat(misconfigured.process().waitFor(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

      List<String> output = Files.readAllLines(misconfigured.log(), StandardCharsets.UTF_8);
      assertThat(JSON.readTree(output.get(0)).path("event").textValue()).isEqualTo("init_failed");
      assertThat(output.subList(1, output.size())).anySatisfy(line -> {
        JsonNode reported = JSON.readTree(line);
        assertThat(reported.path("level").textValue()).isEqualTo("ERROR");
        assertThat(reported.path("message").textValue()).startsWith(EnvironmentConfig.METRICS_NAMESPACE);
      });
    }
  }

  private static InvocationResult invoke(String fixture) throws Exception {
    return runtime.invoke(Files.readAllBytes(EVENTS.resolve(fixture)));
  }

  private static byte[] payload(InvocationResult answer) {
    assertThat(answer).as("posted as an error: %s", answer).isInstanceOf(InvocationResult.Success.class);
    return ((InvocationResult.Success) answer).payload();
  }

  private static JsonNode golden(String name) throws IOException {
    try (InputStream in = PackagedAuthorizerIT.class.getResourceAsStream("/golden/" + name)) {
      return JSON.readTree(in);
    }
  }

  /**
   * The unpacked artifact running in a child JVM under the runtime client, behind its own local Runtime API. Its
   * output goes to a file, so that a test can read it line by line.
   */
  private record RuntimeUnderTest(RuntimeApi api, Process process, Path log) implements AutoCloseable {

    static RuntimeUnderTest start(Map<String, String> functionEnvironment, String logName) throws IOException {
      FunctionConfiguration function =
          new FunctionConfiguration(FUNCTION_NAME, HANDLER, MEMORY_MB, TIMEOUT_SECONDS, functionEnvironment);
      RuntimeApi api = RuntimeApi.start(function.arn(), Clock.systemUTC());
      Path log = work.resolve(logName);
      try {
        Process process = jvm.processBuilder(function, task, api.address(), Map.of())
            .redirectOutput(log.toFile())
            .start();
        process.getOutputStream().close();
        return new RuntimeUnderTest(api, process, log);
      } catch (IOException e) {
        api.close();
        throw e;
      }
    }

    RuntimeApi.InitErrorException initError() throws Exception {
      try {
        api.initialized().get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeApi.InitErrorException initError) {
          return initError;
        }
        throw failure("no init error from the runtime client", e);
      } catch (Exception e) {
        throw failure("no init error from the runtime client", e);
      }
      throw failure("the runtime client initialised", null);
    }

    /** Hands the event to the runtime client and waits for what it posts back, or for its JVM to exit. */
    InvocationResult invoke(byte[] event) throws Exception {
      CompletableFuture<InvocationResult> answer = api.invoke(event, ANSWER_TIMEOUT);
      try {
        CompletableFuture.anyOf(answer, process.onExit()).get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        throw failure("no answer from the runtime client", e);
      }
      if (!answer.isDone()) {
        throw failure("no answer from the runtime client", null);
      }
      return answer.join();
    }

    private AssertionError failure(String what, Throwable cause) throws IOException {
      return new AssertionError(what + " (alive: " + process.isAlive() + "); its log:\n"
          + Files.readString(log, StandardCharsets.UTF_8), cause);
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      api.close();
    }
  }

  /** The jars of the test classpath that hold the runtime client and its dependencies, and nothing else. */
  private static List<Path> runtimeJars() throws URISyntaxException {
    List<Path> jars = new ArrayList<>();
    for (Class<?> library : RUNTIME_LIBRARIES) {
      jars.add(Path.of(library.getProtectionDomain().getCodeSource().getLocation().toURI()));
    }
    return jars;
  }
}
