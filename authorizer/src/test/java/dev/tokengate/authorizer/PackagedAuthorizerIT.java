package dev.tokengate.authorizer;

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
 * {@code events/authorizer} fixtures, the answers must equal the golden files.
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
  /** Where the runtime client loads its JNI library from instead of unpacking it to its fixed path in /tmp. */
  private static final String NATIVE_LIBRARY_PROPERTY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
  /** One class of each library that Lambda puts on the runtime's classpath (the client's own dependencies). */
  private static final List<Class<?>> RUNTIME_LIBRARIES = List.of(
      AWSLambda.class, Context.class, PojoSerializer.class, SdkInternalThreadLocal.class, SdkInternalApi.class);

  @TempDir
  static Path work;

  private static Path task;
  private static Path nativeLibrary;
  private static RuntimeUnderTest runtime;

  @BeforeAll
  static void startTheArtifactUnderTheRuntimeClient() throws IOException, URISyntaxException {
    Path artifact = Path.of(System.getProperty("tokengate.authorizer.jar", "target/authorizer.jar"));
    assertThat(artifact).as("the packaged authorizer (run: ./mvnw -B verify)").isRegularFile();
    task = Files.createDirectory(work.resolve("task"));
    unpack(artifact, task);
    nativeLibrary = unpackNativeLibrary(work);
    runtime = RuntimeUnderTest.start(Map.of(AuthorizerConfig.JWT_SECRET, TestTokens.SECRET), "runtime.log");
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
      JsonNode error = JSON.readTree(unconfigured.api().initError(ANSWER_TIMEOUT));

      assertThat(error.path("errorType").textValue()).isEqualTo(ConfigException.class.getName());
      assertThat(error.path("errorMessage").textValue()).contains(AuthorizerConfig.JWT_SECRET);
      assertThat(unconfigured.process().waitFor(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
          .as("the runtime client exits after an init error").isTrue();
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
      command.add("-D" + NATIVE_LIBRARY_PROPERTY + "=" + nativeLibrary);
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
   * Copies the runtime client's JNI library for this machine into {@code folder}. Left to itself the client
   * rewrites one shared file in /tmp on every start, and a JVM that loads it while another build rewrites it
   * dies with SIGBUS in the dynamic loader.
   */
  private static Path unpackNativeLibrary(Path folder) throws IOException {
    String cpu = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
    boolean musl = Files.exists(Path.of("/lib/ld-musl-" + (cpu.equals("aarch_64") ? "aarch64" : "x86_64") + ".so.1"));
    String name = "/jni/libaws-lambda-jni." + (musl ? "linux_musl-" : "linux-") + cpu + ".so";
    Path library = folder.resolve("libaws-lambda-jni.so");
    try (InputStream in = AWSLambda.class.getResourceAsStream(name)) {
      assertThat(in).as("the runtime client's native library %s", name).isNotNull();
      Files.copy(in, library);
    }
    return library;
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
