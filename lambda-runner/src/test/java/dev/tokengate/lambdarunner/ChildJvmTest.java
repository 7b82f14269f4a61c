package dev.tokengate.lambdarunner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildJvmTest {

  private static final FunctionConfiguration FUNCTION = new FunctionConfiguration("AuthorizerFunction",
      "dev.example.Handler::handleRequest", 1024, 10, Map.of("JWT_ISSUER", "from-template", "AWS_REGION", "eu-west-1"));
  private static final Path RUNTIME_JAR = Path.of("/runtime/aws-lambda-java-runtime-interface-client.jar");

  private final ChildJvm jvm =
      new ChildJvm(Path.of("/jdk/bin/java"), List.of(RUNTIME_JAR), Path.of("/gateway/libaws-lambda-jni.so"));

  @Test
  void startsTheRuntimeClientWithOnlyItsOwnJarsOnTheClassPath() {
    ProcessBuilder builder = jvm.processBuilder(FUNCTION, Path.of("/task"), "127.0.0.1:9001", Map.of());

    assertThat(builder.command()).containsSubsequence("-cp", RUNTIME_JAR.toString(), ChildJvm.RUNTIME_MAIN,
        "dev.example.Handler::handleRequest");
    assertThat(builder.command()).contains("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-XX:MaxHeapSize=891289k");
    assertThat(builder.directory()).isEqualTo(Path.of("/task").toFile());
    // Each JVM would otherwise unpack the client's native library to the same file in /tmp.
    assertThat(builder.command()).contains("-D" + ChildJvm.NATIVE_LIBRARY_PROPERTY + "=/gateway/libaws-lambda-jni.so");
  }

  @Test
  void setsLambdasVariablesWhichTheTemplateCannotOverride() {
    Map<String, String> environment = jvm.processBuilder(FUNCTION, Path.of("/task"), "127.0.0.1:9001", Map.of())
        .environment();

    assertThat(environment)
        .containsEntry("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")
        .containsEntry("_HANDLER", "dev.example.Handler::handleRequest")
        .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "AuthorizerFunction")
        .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024")
        .containsEntry("LAMBDA_TASK_ROOT", "/task")
        .containsEntry("AWS_REGION", "us-east-1");
  }

  @Test
  void passesTheTemplatesAndTheCallersVariablesButNothingElseOfThisMachine() {
    Map<String, String> environment = jvm.processBuilder(FUNCTION, Path.of("/task"), "127.0.0.1:9001",
        Map.of("JWT_SECRET", "k".repeat(40), "JWT_ISSUER", "from-caller")).environment();

    assertThat(environment).containsEntry("JWT_SECRET", "k".repeat(40)).containsEntry("JWT_ISSUER", "from-caller");
    assertThat(environment).doesNotContainKeys("HOME", "USER", "JAVA_HOME", "CLASSPATH", "AWS_ACCESS_KEY_ID");
  }
}
