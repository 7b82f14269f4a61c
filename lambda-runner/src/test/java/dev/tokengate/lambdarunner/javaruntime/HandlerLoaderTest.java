package dev.tokengate.lambdarunner.javaruntime;

import static dev.tokengate.lambdarunner.javaruntime.JavaRuntimeTest.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.tokengate.lambdarunner.testfunctions.TestFunctions;
import dev.tokengate.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which method of a handler class the pure-Java runtime calls, and the faults it reports, as the Java runtime. */
class HandlerLoaderTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final HandlerLoader loader = new HandlerLoader(getClass().getClassLoader());

  @TempDir
  Path dir;

  @Test
  void prefersTheLongestSignatureOfTheHandlersName() throws Throwable {
    assertThat(call(name(TestFunctions.Overloads.class) + "::handleRequest", "\"x\"")).isEqualTo("\"stream\"");
  }

  @Test
  void resolvesTheInputTypeOfARequestHandlerThroughItsSuperclass() throws Throwable {
    assertThat(call(name(TestFunctions.Increment.class), "41")).isEqualTo("\"n=42\"");
  }

  @Test
  void refusesARequestHandlerWhoseInputTypeIsNeverBound() {
    assertThat(fault(name(TestFunctions.Unbound.class)).report().errorMessage())
        .isEqualTo("Class " + name(TestFunctions.Unbound.class) + " does not implement RequestHandler with concrete"
            + " type parameters: parameter T has no upper bound.");
  }

  @Test
  void refusesAClassWithoutAPublicNoArgumentConstructor() {
    HandlerFault fault = fault(name(TestFunctions.NeedsArgument.class));

    assertThat(fault.fatal()).isFalse();
    assertThat(fault.report().errorType()).isEqualTo("java.lang.Exception");
    assertThat(fault.report().errorMessage())
        .isEqualTo("Class " + name(TestFunctions.NeedsArgument.class) + " has no public zero-argument constructor");
  }

  @Test
  void refusesAClassThatIsNoHandlerAndAMethodOfNoSupportedSignature() {
    String type = name(TestFunctions.NotAHandler.class);

    assertThat(fault(type).report().errorMessage())
        .isEqualTo("Class does not implement an appropriate handler interface: " + type);
    assertThat(fault(type + "::handle").report().errorMessage())
        .isEqualTo("No public method named handle with appropriate method signature found on class " + type);
  }

  @Test
  void refusesAHandlerNameWithoutClassOrMethod() {
    assertThat(fault("::handle").report().errorMessage()).isEqualTo("Invalid handler: `::handle'");
    assertThat(fault("app.Handler::").report().errorType()).isNull();
  }

  @Test
  void throwsAFatalFaultWhenTheConstructorThrows() {
    assertThatThrownBy(() -> loader.load(name(TestFunctions.FailingInit.class)))
        .isInstanceOfSatisfying(HandlerFault.class, fault -> {
          assertThat(fault.fatal()).isTrue();
          assertThat(fault.report().errorType()).isEqualTo("java.lang.IllegalStateException");
          assertThat(fault.report().errorMessage()).isEqualTo("no key configured");
          assertThat(fault.logText()).startsWith("no key configured: java.lang.IllegalStateException\n"
              + "java.lang.IllegalStateException: no key configured\n\tat " + name(TestFunctions.FailingInit.class));
        });
  }

  @Test
  void loadsTheHandlerFromTheTaskRootThenTheJarsInItsLib() throws Throwable {
    Path taskRoot = Files.createDirectories(dir.resolve("task"));
    Path classes = compile(
        "taskroot/FromTaskRoot.java", "package taskroot; public class FromTaskRoot implements "
            + RequestStreamHandler.class.getName() + " { public void handleRequest(java.io.InputStream in,"
            + " java.io.OutputStream out, com.amazonaws.services.lambda.runtime.Context context)"
            + " throws java.io.IOException { out.write(libjar.Greeting.TEXT.getBytes(\"UTF-8\")); } }",
        "libjar/Greeting.java", "package libjar; public class Greeting { public static final String TEXT ="
            + " new String(\"\\\"from lib\\\"\"); }");
    Files.createDirectories(taskRoot.resolve("taskroot"));
    Files.copy(classes.resolve("taskroot/FromTaskRoot.class"), taskRoot.resolve("taskroot/FromTaskRoot.class"));
    Files.createDirectories(taskRoot.resolve("lib"));
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(taskRoot.resolve("lib/greeting.jar")))) {
      jar.putNextEntry(new JarEntry("libjar/Greeting.class"));
      jar.write(Files.readAllBytes(classes.resolve("libjar/Greeting.class")));
      jar.closeEntry();
    }

    try (URLClassLoader function = HandlerLoader.functionClassLoader(taskRoot, getClass().getClassLoader())) {
      Handler handler = new HandlerLoader(function).load("taskroot.FromTaskRoot::handleRequest");

      assertThat(call(handler, "{}")).isEqualTo("\"from lib\"");
    }
  }

  private String call(String name, String event) throws Throwable {
    return call(loader.load(name), event);
  }

  private String call(Handler handler, String event) throws Throwable {
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    handler.handle(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), response, context());
    return response.toString(StandardCharsets.UTF_8);
  }

  /** The fault a handler that cannot run answers each invocation with. */
  private HandlerFault fault(String name) {
    Throwable thrown = null;
    try {
      call(name, "{}");
    } catch (Throwable e) {
      thrown = e;
    }
    assertThat(thrown).isInstanceOf(HandlerFault.class);
    return (HandlerFault) thrown;
  }

  private InvocationContext context() {
    return new InvocationContext(new Invocation("request-1", clock.millis() + 1000, "arn", null, new byte[0]),
        new FunctionInfo("Fn", "$LATEST", 128, "/aws/lambda/Fn", "local"), new StdoutLogger(), clock);
  }

  /** Compiles pairs of (file, source) against aws-lambda-java-core; returns the folder of the classes. */
  private Path compile(String... files) throws Exception {
    Path sources = Files.createDirectories(dir.resolve("src"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-cp",
        Path.of(RequestStreamHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString()));
    for (int i = 0; i < files.length; i += 2) {
      Path source = sources.resolve(files[i]);
      Files.createDirectories(source.getParent());
      Files.writeString(source, files[i + 1]);
      arguments.add(source.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    OutputStream errors = new ByteArrayOutputStream();
    assertThat(javac.run(null, null, errors, arguments.toArray(new String[0]))).as(errors.toString()).isZero();
    return classes;
  }
}
