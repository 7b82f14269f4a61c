package dev.tokengate.lambdarunner.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Handlers of every kind the Java runtime supports, for the pure-Java runtime's tests. Outside the runtime's
 * package on purpose: the runtime cuts its own frames from stack traces, and these must keep theirs.
 */
public final class TestFunctions {

  private TestFunctions() {}

  /** An exception thrown here, so that its stack trace starts in a function's code. */
  public static RuntimeException failure(String message) {
    return new RuntimeException(message);
  }

  /** Echoes the event's bytes; the event {@code "fail"} makes it throw {@code Unauthorized}, as an authorizer does. */
  public static final class Echo implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
      byte[] event = input.readAllBytes();
      if (new String(event, StandardCharsets.UTF_8).equals("\"fail\"")) {
        throw failure("Unauthorized");
      }
      output.write(event);
    }
  }

  /** An API Gateway proxy integration, with AWS's own event types. */
  public static final class Greeter
      implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
      return new APIGatewayProxyResponseEvent().withStatusCode(200).withBody("hello " + event.getPath());
    }
  }

  /** A bean in, a map out, through the POJO serializer; tells what its context says. */
  public static final class Describer {

    public Map<String, Object> describe(Person person, Context context) {
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("greeting", "hello " + person.getName());
      answer.put("function", context.getFunctionName());
      answer.put("version", context.getFunctionVersion());
      answer.put("memory", context.getMemoryLimitInMB());
      answer.put("remaining", context.getRemainingTimeInMillis());
      answer.put("arn", context.getInvokedFunctionArn());
      answer.put("requestId", context.getAwsRequestId());
      return answer;
    }
  }

  /** The input of {@link Describer}: a bean, as the Java runtime's POJO serializer expects. */
  public static final class Person {

    private String name;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }
  }

  /** Static methods: no instance is made. */
  public static final class Statics {

    private Statics() {
      throw new AssertionError("the runtime must not instantiate a class for a static handler method");
    }

    public static String shout(String text) {
      return text.toUpperCase(Locale.ROOT);
    }

    public static void ignore(Map<String, Object> event) {
      // answers null
    }
  }

  /** Fails its init, as an authorizer without a key does. */
  public static final class FailingInit implements RequestStreamHandler {

    public FailingInit() {
      throw new IllegalStateException("no key configured");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
      // never reached
    }
  }

  /** Two methods of one name: the runtime takes the longer signature. */
  public static final class Overloads {

    public String handleRequest(String input) {
      return "pojo";
    }

    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
      output.write("\"stream\"".getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A handler whose type parameters are bound further down the hierarchy. */
  public abstract static class Base<T> implements RequestHandler<T, String> {}

  /** Its input type, Integer, comes from {@link Base}'s type argument. */
  public static final class Increment extends Base<Integer> {

    @Override
    public String handleRequest(Integer input, Context context) {
      return "n=" + (input + 1);
    }
  }

  /** A handler whose input type is never bound. */
  public static final class Unbound<T> implements RequestHandler<T, String> {

    @Override
    public String handleRequest(T input, Context context) {
      return "never";
    }
  }

  /** No public no-argument constructor. */
  public static final class NeedsArgument implements RequestStreamHandler {

    public NeedsArgument(String argument) {
      // never called
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
      // never reached
    }
  }

  /** Neither a handler interface nor a method of a supported signature. */
  public static final class NotAHandler {

    public void handle(String first, String second) {
      // not a signature of the Java runtime
    }
  }
}
