package dev.tokengate.lambdarunner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokengate.lambdarunner.javaruntime.JavaRuntime;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {

  private static final FunctionConfiguration FUNCTION = new FunctionConfiguration("AuthorizerFunction",
      "dev.example.Handler::handleRequest", 1024, 10, Map.of("JWT_ISSUER", "from-template", "AWS_REGION", "eu-west-1"));
  private static final Path RUNTIME = Path.of("runtime").toAbsolutePath();
  private static final Path CLIENT_JAR = RUNTIME.resolve("aws-lambda-java-runtime-interface-client-2.10.1.jar");
  private static final Path CORE_JAR = RUNTIME.resolve("aws-lambda-java-core-1.4.0.jar");
  private static final Path TASK = Path.of("task").toAbsolutePath();
  private static final Path LIBRARY = Path.of("gateway", "libaws-lambda-jni.so").toAbsolutePath();

  private final ChildJvm jvm = new ChildJvm(Path.of("jdk", "bin", "java"), List.of(CLIENT_JAR), ChildJvm.RUNTIME_MAIN,
      List.of("-D" + ChildJvm.NATIVE_LIBRARY_PROPERTY + "=" + LIBRARY, ChildJvm.NATIVE_ACCESS));

  @TempDir
  Path dir;

  @Test
  void startsTheRuntimeClientWithOnlyItsOwnJarsOnTheClassPath() {
    ProcessBuilder builder = jvm.processBuilder(FUNCTION, TASK, "127.0.0.1:9001", Map.of());

    assertThat(builder.command()).containsSubsequence("-cp", CLIENT_JAR.toString(), ChildJvm.RUNTIME_MAIN,
        "dev.example.Handler::handleRequest");
    assertThat(builder.command()).contains("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-XX:MaxHeapSize=891289k");
    assertThat(builder.directory()).isEqualTo(TASK.toFile());
    // Each JVM would otherwise unpack the client's native library to the same file in /tmp.
    assertThat(builder.command()).contains("-D" + ChildJvm.NATIVE_LIBRARY_PROPERTY + "=" + LIBRARY);
    // Without it, JDK 24 and newer warn that a restricted method (System::load) was called.
    assertThat(builder.command()).contains("--enable-native-access=ALL-UNNAMED");
  }

  @Test
  void runsThePureJavaRuntimeWithTheClientsLibrariesButNotTheClient() throws Exception {
    ChildJvm pureJava = ChildJvm.pureJava(List.of(CORE_JAR, CLIENT_JAR), dir);

    List<String> command = pureJava.processBuilder(FUNCTION, TASK, "127.0.0.1:9001", Map.of()).command();

    Path classes = dir.resolve("java-runtime");
    assertThat(command).containsSubsequence("-cp", classes + File.pathSeparator + CORE_JAR,
        JavaRuntime.class.getName(), "dev.example.Handler::handleRequest");
    assertThat(command).noneMatch(argument -> argument.contains("native-access") || argument.contains(".JNI="));
    assertThat(command).contains("-XX:MaxHeapSize=891289k", "--add-opens=java.base/java.io=ALL-UNNAMED");
  }

  @Test
  void writesThePureJavaRuntimesClassesAndNothingElseOfLambdaRunner() throws Exception {
    ChildJvm.pureJava(List.of(), dir);

    Path classes = dir.resolve("java-runtime");
    try (Stream<Path> files = Files.walk(classes)) {
      assertThat(files.filter(Files::isRegularFile).map(file -> classes.relativize(file).toString()
          .replace(File.separatorChar, '/')))
          .contains("dev/tokengate/lambdarunner/javaruntime/JavaRuntime.class",
              "dev/tokengate/lambdarunner/javaruntime/HandlerLoader.class")
          .allMatch(name -> name.startsWith("dev/tokengate/lambdarunner/javaruntime/") && name.endsWith(".class"));
    }
  }

  @Test
  void setsLambdasVariablesWhichTheTemplateCannotOverride() {
    Map<String, String> environment = jvm.processBuilder(FUNCTION, TASK, "127.0.0.1:9001", Map.of())
        .environment();

    assertThat(environment)
        .containsEntry("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")
        .containsEntry("_HANDLER", "dev.example.Handler::handleRequest")
        .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "AuthorizerFunction")
        .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024")
        .containsEntry("LAMBDA_TASK_ROOT", TASK.toString())
        .containsEntry("LAMBDA_RUNTIME_DIR", RUNTIME.toString())
        .containsEntry("AWS_REGION", "us-east-1");
  }

  @Test
  void passesTheTemplatesAndTheCallersVariablesButNothingElseOfThisMachine() {
    Map<String, String> environment = jvm.processBuilder(FUNCTION, TASK, "127.0.0.1:9001",
        Map.of("JWT_SECRET", "k".repeat(40), "JWT_ISSUER", "from-caller")).environment();

    assertThat(environment).containsEntry("JWT_SECRET", "k".repeat(40)).containsEntry("JWT_ISSUER", "from-caller");
    assertThat(environment).doesNotContainKeys("HOME", "USER", "JAVA_HOME", "CLASSPATH", "AWS_ACCESS_KEY_ID");
  }
}
