package dev.tokengate.authorizer;

import dev.tokengate.core.config.EnvironmentConfig;
import dev.tokengate.core.config.AuthorizerConfig;
import dev.tokengate.core.config.ConfigException;
import dev.tokengate.authorizer.secrets.FakeSecretsManager;
import dev.tokengate.authorizer.secrets.SecretFetcher;
import dev.tokengate.testing.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.annotations.SdkInternalApi;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

/**
 * Runs the packaged {@code target/authorizer.jar} as Lambda does: unpacked into a task directory, loaded by AWS's
 * runtime interface client in its own JVM, invoked through a local Runtime API. The events are the shared
 * {@code events/authorizer} fixtures, the answers must equal the golden files. With {@code JWT_SECRET_ARN} (against
 * a local Secrets Manager stand-in) the artifact's own slf4j binding must log the AWS SDK's warnings.
 *
 * <p>Linux only: the runtime client ships its HTTP client as a native library for Linux (x86_64 and aarch64).
 */
@EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "aarch64"})
class PackagedAuthorizerIT {

  private static final Path EVENTS = Path.of("..", "events", "authorizer");
  private static final String HANDLER = "dev.tokengate.authorizer.AuthorizerHandler::handleRequest";
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * The flags the Lambda Java runtime starts its JVM with (heap about 85% of the template's 1024 MB), plus the
   * template's JAVA_TOOL_OPTIONS. {@code -Xshare:auto}: Lambda's class-data archive does not exist here.
   */
  private static final List<String> LAMBDA_JVM_FLAGS = List.of(
      "-XX:MaxHeapSize=870m", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:+TieredCompilation",
      "-XX:TieredStopAtLevel=1", "--add-opens=java.base/java.io=ALL-UNNAMED", "-Djava.net.preferIPv4Stack=true");
  /** One class of each library that Lambda puts on the runtime's classpath (the client's own dependencies). */
  private static final List<Class<?>> RUNTIME_LIBRARIES = List.of(
      AWSLambda.class, Context.class, PojoSerializer.class, SdkInternalThreadLocal.class, SdkInternalApi.class);

  @TempDir
  static Path work;

  /** The runtime client's switch for loading its JNI library from a given file. */
  private static final String JNI_LIBRARY_PROPERTY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

  private static Path task;
  private static Path jniLibrary;
  private static RuntimeUnderTest runtime;

  @BeforeAll
  static void startTheArtifactUnderTheRuntimeClient() throws IOException, URISyntaxException {
    Path artifact = Path.of(System.getProperty("tokengate.authorizer.jar", "target/authorizer.jar"));
    assertThat(artifact).as("the packaged authorizer (run: ./mvnw -B verify)").isRegularFile();
    task = Files.createDirectory(work.resolve("task"));
    unpack(artifact, task);
    jniLibrary = unpackJniLibrary(work);
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
    LocalRuntimeApi.Answer answer = invoke("allow-sub.json");

    assertThat(answer.error()).as("posted as an error: %s", answer.body()).isFalse();
    assertThat(JSON.readTree(answer.body())).isEqualTo(golden("allow-sub.json"));
  }

  @Test
  void answersAnInvalidTokenWithTheDenyPolicy() throws Exception {
    LocalRuntimeApi.Answer answer = invoke("deny-expired.json");

    assertThat(answer.error()).as("posted as an error: %s", answer.body()).isFalse();
    assertThat(JSON.readTree(answer.body())).isEqualTo(golden("deny-expired.json"));
  }

  @Test
  void answersAMalformedHeaderWithTheErrorApiGatewayTurnsInto401() throws Exception {
    LocalRuntimeApi.Answer answer = invoke("unauthorized-basic-scheme.json");

    assertThat(answer.error()).as("posted as a response: %s", answer.body()).isTrue();
    JsonNode error = JSON.readTree(answer.body());
    assertThat(error.path("errorMessage").textValue()).isEqualTo("Unauthorized");
    assertThat(error.path("errorType").textValue()).isEqualTo("java.lang.RuntimeException");
  }

  @Test
  void keepsServingAfterAnError() throws Exception {
    assertThat(invoke("unauthorized-basic-scheme.json").error()).isTrue();

    assertThat(JSON.readTree(invoke("allow-user-id.json").body())).isEqualTo(golden("allow-user-id.json"));
  }

  @Test
  void failsInitWithoutASecretSoApiGatewayFailsClosed() throws Exception {
    try (RuntimeUnderTest unconfigured = RuntimeUnderTest.start(Map.of(), "unconfigured.log")) {
      JsonNode error = JSON.readTree(unconfigured.initError());

      assertThat(error.path("errorType").textValue()).isEqualTo(ConfigException.class.getName());
      assertThat(error.path("errorMessage").textValue()).contains(EnvironmentConfig.JWT_SECRET);
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
        LocalRuntimeApi.Answer answer = withSecretArn.invoke(Files.readAllBytes(EVENTS.resolve("allow-sub.json")));

        assertThat(answer.error()).as("posted as an error: %s", answer.body()).isFalse();
        assertThat(JSON.readTree(answer.body())).isEqualTo(golden("allow-sub.json"));
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

  private static LocalRuntimeApi.Answer invoke(String fixture) throws Exception {
    return runtime.invoke(Files.readAllBytes(EVENTS.resolve(fixture)));
  }

  private static JsonNode golden(String name) throws IOException {
    try (InputStream in = PackagedAuthorizerIT.class.getResourceAsStream("/golden/" + name)) {
      return JSON.readTree(in);
    }
  }

  /** The unpacked artifact running in a child JVM under the runtime client, behind its own local Runtime API. */
  private record RuntimeUnderTest(LocalRuntimeApi api, Process process, Path log) implements AutoCloseable {

    static RuntimeUnderTest start(Map<String, String> functionEnvironment, String logName)
        throws IOException, URISyntaxException {
      LocalRuntimeApi api = new LocalRuntimeApi();
      Path log = work.resolve(logName);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(LAMBDA_JVM_FLAGS);
      command.add("-D" + JNI_LIBRARY_PROPERTY + "=" + jniLibrary);
      command.addAll(List.of("-cp", runtimeClasspath(), AWSLambda.class.getName(), HANDLER));
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(task.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      // Only what Lambda sets, so that nothing of this build's environment leaks into the function.
      Map<String, String> environment = builder.environment();
      environment.clear();
      environment.putAll(Map.of(
          "AWS_LAMBDA_RUNTIME_API", api.address(),
          "_HANDLER", HANDLER,
          "LAMBDA_TASK_ROOT", task.toString(),
          "AWS_LAMBDA_FUNCTION_NAME", "tokengate-authorizer",
          "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024",
          "AWS_REGION", "us-east-1",
          "TZ", ":UTC"));
      environment.putAll(functionEnvironment);
      Process process = builder.start();
      process.getOutputStream().close();
      return new RuntimeUnderTest(api, process, log);
    }

    String initError() throws Exception {
      try {
        return api.initError(ANSWER_TIMEOUT);
      } catch (Exception e) {
        throw new AssertionError("no init error from the runtime client (alive: " + process.isAlive()
            + "); its log:\n" + Files.readString(log, StandardCharsets.UTF_8), e);
      }
    }

    LocalRuntimeApi.Answer invoke(byte[] event) throws Exception {
      try {
        return api.invoke(event, ANSWER_TIMEOUT);
      } catch (Exception e) {
        throw new AssertionError("no answer from the runtime client (alive: " + process.isAlive()
            + "); its log:\n" + Files.readString(log, StandardCharsets.UTF_8), e);
      }
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
  private static String runtimeClasspath() throws URISyntaxException {
    List<String> jars = new ArrayList<>();
    for (Class<?> library : RUNTIME_LIBRARIES) {
      jars.add(Path.of(library.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    }
    return String.join(File.pathSeparator, jars);
  }

  /**
   * Unpacks the runtime client's JNI library once. Left to itself, every client JVM rewrites one fixed file in
   * /tmp, and a JVM that starts while another one runs can load (or make the other load) a half-written library:
   * a crash instead of an answer. Lambda runs one client per sandbox; this test runs two.
   */
  private static Path unpackJniLibrary(Path folder) throws IOException, URISyntaxException {
    String cpu = "aarch64".equals(System.getProperty("os.arch")) ? "aarch_64" : "x86_64";
    String name = "jni/libaws-lambda-jni.linux-" + cpu + ".so";
    Path client = Path.of(AWSLambda.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(client))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (entry.getName().equals(name)) {
          Path library = folder.resolve("libaws-lambda-jni.so");
          Files.copy(zip, library);
          return library;
        }
      }
    }
    throw new IllegalStateException("the runtime client has no " + name);
  }

  /** Unpacks the artifact as Lambda unpacks a deployment package into its task directory. */
  private static void unpack(Path artifact, Path task) throws IOException {
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(artifact))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        Path target = task.resolve(entry.getName()).normalize();
        assertThat(target.startsWith(task)).as("%s stays inside the task directory", entry.getName()).isTrue();
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(zip, target);
        }
      }
    }
  }
}
