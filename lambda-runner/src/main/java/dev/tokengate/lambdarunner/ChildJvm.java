package dev.tokengate.lambdarunner;

import dev.tokengate.lambdarunner.javaruntime.JavaRuntime;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How Lambda's Java runtime starts a function, reproduced: the JVM flags, the runtime alone on the class path (the
 * function's own code is loaded from the task root by the runtime, as in Lambda), the working directory, and an
 * environment that holds only what Lambda would set. The runtime is AWS's runtime interface client
 * ({@link #ofCurrentJava}), which needs its JNI library for Linux, or the pure-Java runtime ({@link #pureJava}),
 * which runs anywhere. Immutable and thread-safe.
 */
public final class ChildJvm {

  static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  static final String JAVA_RUNTIME_MAIN = JavaRuntime.class.getName();
  /** Where the runtime client loads its JNI library from instead of unpacking its own copy. */
  static final String NATIVE_LIBRARY_PROPERTY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
  /**
   * Lets the runtime client load its JNI library without the warning JDK 24 and newer print for a class path
   * library that calls {@code System.load} (JEP 472); JDK 17 accepts the option too.
   */
  static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

  private final Path java;
  private final List<Path> classPath;
  private final String mainClass;
  private final List<String> runtimeOptions;

  ChildJvm(Path java, List<Path> classPath, String mainClass, List<String> runtimeOptions) {
    this.java = java;
    this.classPath = List.copyOf(classPath);
    this.mainClass = mainClass;
    this.runtimeOptions = List.copyOf(runtimeOptions);
  }

  /**
   * A launcher that runs functions with this JVM's own {@code java}, under AWS's runtime interface client in
   * {@code runtimeJars}. Unpacks the client's JNI library for this machine into {@code folder} first, once for every
   * function it starts: see {@link LambdaRuntimeJars#unpackNativeLibrary}.
   *
   * @param runtimeJars the runtime interface client and its dependencies, the whole class path of a child JVM
   * @param folder where the JNI library goes; the caller deletes it
   * @throws NativeClientUnavailableException when the jars hold no native library for this machine (the client
   *     ships Linux ones only)
   * @throws IOException when the library cannot be written
   */
  public static ChildJvm ofCurrentJava(List<Path> runtimeJars, Path folder) throws IOException {
    Path library = LambdaRuntimeJars.unpackNativeLibrary(runtimeJars, folder);
    return new ChildJvm(currentJava(), runtimeJars, RUNTIME_MAIN,
        List.of("-D" + NATIVE_LIBRARY_PROPERTY + "=" + library, NATIVE_ACCESS));
  }

  /**
   * A launcher that runs functions with this JVM's own {@code java}, under the pure-Java runtime
   * ({@link JavaRuntime}), on any system. Its class path is the libraries the runtime client brings (the client
   * itself left out) and the pure-Java runtime's classes, which it writes into {@code folder} first.
   *
   * @param runtimeJars the runtime interface client and its dependencies, as for {@link #ofCurrentJava}
   * @param folder where the runtime's classes go; the caller deletes it
   * @throws IOException when the classes cannot be written
   */
  public static ChildJvm pureJava(List<Path> runtimeJars, Path folder) throws IOException {
    List<Path> classPath = new ArrayList<>();
    classPath.add(LambdaRuntimeJars.writeJavaRuntime(folder.resolve("java-runtime")));
    runtimeJars.stream().filter(jar -> !LambdaRuntimeJars.isRuntimeClient(jar)).forEach(classPath::add);
    return new ChildJvm(currentJava(), classPath, JAVA_RUNTIME_MAIN, List.of());
  }

  private static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /**
   * The command, working directory and environment of one JVM for {@code function}; the caller starts it.
   *
   * @param taskRoot the unpacked artifact, the JVM's working directory ({@code /var/task} in Lambda)
   * @param runtimeApi the value of {@code AWS_LAMBDA_RUNTIME_API}: {@link RuntimeApi#address()}, secret path included
   * @param localVariables variables of this machine the function also gets, over its own
   */
  public ProcessBuilder processBuilder(
      FunctionConfiguration function, Path taskRoot, String runtimeApi, Map<String, String> localVariables) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(jvmOptions(function.memoryMb()));
    command.addAll(runtimeOptions);
    command.add("-cp");
    command.add(classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    command.add(mainClass);
    command.add(function.handler());

    ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile()).redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    environment.clear();
    environment.putAll(environment(function, taskRoot, runtimeApi, localVariables));
    return builder;
  }

  /**
   * What Lambda's java17/java21 runtimes pass: 85% of the memory as heap, 10% metaspace, 5% code cache, and the
   * opening of {@code java.io} that the runtime client needs to redirect the function's stdout.
   */
  static List<String> jvmOptions(int memoryMb) {
    long kilobytes = memoryMb * 1024L;
    return List.of(
        "-XX:+TieredCompilation",
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-Xshare:auto",
        "-XX:MaxHeapSize=" + kilobytes * 85 / 100 + "k",
        "-XX:MaxMetaspaceSize=" + kilobytes * 10 / 100 + "k",
        "-XX:ReservedCodeCacheSize=" + kilobytes * 5 / 100 + "k",
        "-Djava.net.preferIPv4Stack=true",
        "--add-opens=java.base/java.io=ALL-UNNAMED");
  }

  private Map<String, String> environment(
      FunctionConfiguration function, Path taskRoot, String runtimeApi, Map<String, String> localVariables) {
    Map<String, String> environment = new LinkedHashMap<>(function.environment());
    environment.putAll(localVariables);
    // Lambda's reserved variables come last: a function's configuration cannot override them in AWS either.
    environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
    environment.put("_HANDLER", function.handler());
    environment.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
    environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
    environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
    environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "lambda-runner");
    environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    environment.put("AWS_REGION", FunctionConfiguration.REGION);
    environment.put("AWS_DEFAULT_REGION", FunctionConfiguration.REGION);
    environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java" + Runtime.version().feature());
    environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    environment.put("LAMBDA_RUNTIME_DIR", runtimeDirectory());
    environment.put("TZ", ":UTC");
    environment.put("LANG", "en_US.UTF-8");
    environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    return environment;
  }

  /** The folder of the runtime's jars, as {@code /var/runtime} holds them in Lambda. */
  private String runtimeDirectory() {
    return classPath.isEmpty() ? ""
        : String.valueOf(classPath.get(classPath.size() - 1).toAbsolutePath().getParent());
  }
}
