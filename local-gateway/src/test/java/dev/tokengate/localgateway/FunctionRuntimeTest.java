package dev.tokengate.localgateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokengate.lambdarunner.ChildJvm;
import dev.tokengate.lambdarunner.NativeClientUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which runtime runs the functions for each --runtime, on a machine with and without the client's library. */
class FunctionRuntimeTest {

  private static final String NO_LIBRARY = "AWS's runtime interface client has no native library for Mac OS X"
      + " aarch64; it ships one for Linux on x86_64 and aarch64 only";

  @TempDir
  Path dir;

  private ChildJvm clientJvm;
  private ChildJvm javaJvm;

  @BeforeEach
  void launchers() throws IOException {
    clientJvm = ChildJvm.pureJava(List.of(), dir.resolve("client"));
    javaJvm = ChildJvm.pureJava(List.of(), dir.resolve("java"));
  }

  @Test
  void autoRunsTheRuntimeClientWhereItsLibraryExists() throws Exception {
    FunctionRuntime.Choice choice = FunctionRuntime.AUTO.choose(List.of(), dir, (jars, folder) -> clientJvm,
        (jars, folder) -> javaJvm);

    assertThat(choice.jvm()).isSameAs(clientJvm);
    assertThat(choice.description()).isEqualTo("functions run under AWS's runtime interface client, as in Lambda"
        + " (--runtime auto: its native library exists for this system)");
  }

  @Test
  void autoRunsThePureJavaRuntimeElsewhereAndSaysWhy() throws Exception {
    FunctionRuntime.Choice choice = FunctionRuntime.AUTO.choose(List.of(), dir, this::noLibrary,
        (jars, folder) -> javaJvm);

    assertThat(choice.jvm()).isSameAs(javaJvm);
    assertThat(choice.description()).isEqualTo("functions run in the pure-Java runtime, which loads and"
        + " (de)serializes as the Java runtime does (--runtime auto: " + NO_LIBRARY + ")");
  }

  @Test
  void nativeFailsTheStartWhereTheClientHasNoLibrary() {
    assertThatThrownBy(() -> FunctionRuntime.NATIVE.choose(List.of(), dir, this::noLibrary, (jars, folder) -> javaJvm))
        .isInstanceOf(StartupException.class)
        .hasMessage("--runtime native: " + NO_LIBRARY + "; use --runtime java or auto");
  }

  @Test
  void javaNeverAsksForTheClient() throws Exception {
    FunctionRuntime.Choice choice = FunctionRuntime.JAVA.choose(List.of(), dir, (jars, folder) -> {
      throw new AssertionError("the runtime client was asked for");
    }, (jars, folder) -> javaJvm);

    assertThat(choice.jvm()).isSameAs(javaJvm);
  }

  @Test
  void doesNotHideAFailureToWriteTheClientsLibraryBehindTheFallback() {
    assertThatThrownBy(() -> FunctionRuntime.AUTO.choose(List.of(), dir, (jars, folder) -> {
      throw new IOException("No space left on device");
    }, (jars, folder) -> javaJvm)).isInstanceOf(IOException.class).hasMessage("No space left on device");
  }

  @Test
  void isSpelledInLowerCaseAsTheOptionTakesIt() {
    assertThat(FunctionRuntime.values()).extracting(FunctionRuntime::toString).containsExactly("auto", "native", "java");
  }

  private ChildJvm noLibrary(List<Path> jars, Path folder) throws IOException {
    throw new NativeClientUnavailableException(NO_LIBRARY);
  }
}
