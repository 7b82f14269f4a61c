package dev.tokengate.lambdarunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokengate.lambdarunner.testfunctions.TestFunctions;
import dev.tokengate.testing.EnabledWithNativeRuntimeClient;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.joda.time.DateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.annotations.SdkInternalApi;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

/**
 * The pure-Java runtime against AWS's runtime interface client: the same handlers, from the same task root, in
 * JVMs started the same way, must give the same answers, the same errors and the same init error, byte for byte.
 */
@EnabledWithNativeRuntimeClient
class RuntimeParityTest {

  private static final String FUNCTIONS = TestFunctions.class.getName();
  private static final Duration LIMIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path taskRoot;
  private static ChildJvm runtimeClient;
  private static ChildJvm pureJava;

  @BeforeAll
  static void prepare(@TempDir Path dir) throws Exception {
    taskRoot = taskRoot(dir.resolve("task"));
    List<Path> runtimeJars = new ArrayList<>();
    for (Class<?> library : List.of(AWSLambda.class, Context.class, PojoSerializer.class, SdkInternalThreadLocal.class,
        SdkInternalApi.class)) {
      runtimeJars.add(location(library));
    }
    runtimeClient = ChildJvm.ofCurrentJava(runtimeJars, Files.createDirectories(dir.resolve("client")));
    pureJava = ChildJvm.pureJava(runtimeJars, Files.createDirectories(dir.resolve("java")));
  }

  static Stream<Arguments> handlersAndEvents() {
    String proxyEvent = "{\"resource\":\"/hello\",\"path\":\"/hello\",\"httpMethod\":\"GET\",\"headers\":"
        + "{\"Accept\":\"*/*\"},\"requestContext\":{\"authorizer\":{\"principalId\":\"alice\"},\"stage\":\"Prod\"}}";
    return Stream.of(
        Arguments.of(FUNCTIONS + "$Echo::handleRequest", List.of("{\"n\":1}", "\"fail\"")),
        Arguments.of(FUNCTIONS + "$Greeter::handleRequest", List.of(proxyEvent)),
        Arguments.of(FUNCTIONS + "$Describer::describe", List.of("{\"name\":\"alice\"}", "not json")),
        Arguments.of(FUNCTIONS + "$Statics::shout", List.of("\"hi\"")),
        Arguments.of(FUNCTIONS + "$Statics::ignore", List.of("{}")),
        Arguments.of(FUNCTIONS + "$Increment", List.of("41")),
        Arguments.of(FUNCTIONS + "$Overloads::handleRequest", List.of("\"x\"")),
        Arguments.of(FUNCTIONS + "$NotAHandler::handle", List.of("{}")),
        Arguments.of(FUNCTIONS + "$NeedsArgument", List.of("{}")),
        Arguments.of("dev.example.Missing::handleRequest", List.of("{}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("handlersAndEvents")
  void answersAsTheRuntimeClientDoes(String handler, List<String> events) throws Exception {
    try (FunctionRunner client = runner(handler, runtimeClient); FunctionRunner java = runner(handler, pureJava)) {
      for (String event : events) {
        byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
        InvocationResult expected = client.invoke(bytes, LIMIT);
        InvocationResult actual = java.invoke(bytes, LIMIT);

        if (expected instanceof InvocationResult.Success success) {
          assertThat(actual).as(event).isInstanceOf(InvocationResult.Success.class);
          assertThat(comparable(((InvocationResult.Success) actual).payload())).as(event)
              .isEqualTo(comparable(success.payload()));
        } else {
          assertThat(actual).as(event).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void reportsAConstructorThatThrowsAsTheSameInitError() {
    String handler = FUNCTIONS + "$FailingInit::handleRequest";
    String expected;
    try (FunctionRunner client = runner(handler, runtimeClient)) {
      expected = assertThatThrownBy(client::start).isInstanceOf(FunctionStartException.class).actual().getMessage();
    }

    try (FunctionRunner java = runner(handler, pureJava)) {
      assertThatThrownBy(java::start).isInstanceOf(FunctionStartException.class).hasMessage(expected)
          .hasMessageContaining("java.lang.IllegalStateException: no key configured");
    }
  }

  private static FunctionRunner runner(String handler, ChildJvm jvm) {
    return new FunctionRunner(new FunctionConfiguration("Fn", handler, 256, 20, Map.of()), taskRoot, jvm, Map.of(),
        line -> { }, line -> { }, Clock.systemUTC());
  }

  /** The answer's text, but for what differs per invocation by design: the request id and the time left. */
  private static String comparable(byte[] payload) throws IOException {
    String text = new String(payload, StandardCharsets.UTF_8);
    if (text.startsWith("{\"greeting\"")) {
      ObjectNode answer = (ObjectNode) JSON.readTree(text);
      answer.remove(List.of("requestId", "remaining"));
      return answer.toString();
    }
    return text;
  }

  /** A deployment package as a folder: the test functions' classes, and AWS's event library in lib/. */
  private static Path taskRoot(Path root) throws Exception {
    String directory = TestFunctions.class.getPackageName().replace('.', '/');
    Path classes = location(TestFunctions.class).resolve(directory);
    Files.createDirectories(root.resolve(directory));
    try (Stream<Path> files = Files.list(classes)) {
      for (Path file : files.toList()) {
        Files.copy(file, root.resolve(directory).resolve(file.getFileName().toString()));
      }
    }
    Files.createDirectories(root.resolve("lib"));
    for (Class<?> library : List.of(APIGatewayProxyRequestEvent.class, DateTime.class)) {
      Path jar = location(library);
      Files.copy(jar, root.resolve("lib").resolve(jar.getFileName().toString()));
    }
    return root;
  }

  private static Path location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
