package dev.tokengate.lambdarunner.javaruntime;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOError;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The pure-Java runtime: runs a Java function as AWS's runtime interface client ({@code AWSLambda}) does, without
 * the client's JNI library, which exists for Linux only. It loads the handler from the working directory (the task
 * root) with {@link HandlerLoader}, then fetches events from the Runtime API in {@code AWS_LAMBDA_RUNTIME_API},
 * calls the handler and posts its answer, or its error as the client's error document, until the JVM is stopped.
 *
 * <p>It runs in the function's JVM with only aws-lambda-java-core and aws-lambda-java-serialization beside it,
 * which is all the function sees of the runtime in Lambda too; so it uses nothing else but the JDK.
 */
public final class JavaRuntime {

  /** The system property the AWS X-Ray SDK reads the current trace header from, set per invocation. */
  static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";

  private final RuntimeApiClient api;
  private final FunctionInfo function;
  private final Path taskRoot;
  private final Clock clock;
  private final LambdaLogger logger = new StdoutLogger();

  JavaRuntime(RuntimeApiClient api, FunctionInfo function, Path taskRoot, Clock clock) {
    this.api = api;
    this.function = function;
    this.taskRoot = taskRoot;
    this.clock = clock;
  }

  /**
   * {@code java -cp ... JavaRuntime package.Class[::method]}, in the task root, with Lambda's variables set. Exits
   * with 1 after an init error or a fault that ends the environment, with 2 on a usage error.
   *
   * @throws IOException when the Runtime API is gone: the JVM ends with it
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    System.setOut(utf8(FileDescriptor.out));
    System.setErr(utf8(FileDescriptor.err));
    Map<String, String> environment = System.getenv();
    String address = environment.get("AWS_LAMBDA_RUNTIME_API");
    if (args.length != 1 || address == null) {
      System.err.println("usage: AWS_LAMBDA_RUNTIME_API=HOST:PORT java " + JavaRuntime.class.getName()
          + " package.Class[::method]");
      System.exit(2);
    }
    JavaRuntime runtime = new JavaRuntime(new RuntimeApiClient(address), FunctionInfo.from(environment),
        Path.of(System.getProperty("user.dir")), Clock.systemUTC());
    System.exit(runtime.run(args[0]));
  }

  /** The runtime client writes the function's output as UTF-8, whatever the platform's encoding. */
  private static PrintStream utf8(FileDescriptor descriptor) {
    return new PrintStream(new FileOutputStream(descriptor), true, StandardCharsets.UTF_8);
  }

  /**
   * Loads {@code handler} and serves invocations until one ends the environment.
   *
   * @return the JVM's exit status: 1 after an init error or a fatal fault
   * @throws IOException when the Runtime API cannot be reached or hands out no event
   */
  int run(String handler) throws IOException, InterruptedException {
    try (URLClassLoader functionLoader = HandlerLoader.functionClassLoader(taskRoot,
        ClassLoader.getSystemClassLoader())) {
      Thread.currentThread().setContextClassLoader(functionLoader);
      Handler loaded;
      try {
        loaded = new HandlerLoader(functionLoader).load(handler);
      } catch (HandlerFault fault) {
        logger.log(fault.logText());
        api.reportInitError(fault.report());
        return 1;
      }
      while (true) {
        Invocation invocation = api.next();
        if (invocation.traceId() == null) {
          System.clearProperty(TRACE_HEADER_PROPERTY);
        } else {
          System.setProperty(TRACE_HEADER_PROPERTY, invocation.traceId());
        }
        if (!serve(loaded, invocation)) {
          return 1;
        }
      }
    }
  }

  /**
   * Runs one invocation and posts its outcome: the response, or the error. Whatever the function throws, an
   * {@link Error} included, is its answer, as in Lambda; only a fatal fault or a broken JVM ends the environment.
   *
   * @return false when the environment must end
   */
  private boolean serve(Handler handler, Invocation invocation) throws IOException, InterruptedException {
    ByteArrayOutputStream response = new ByteArrayOutputStream(1024);
    Throwable thrown = null;
    try {
      handler.handle(invocation.event(), response, new InvocationContext(invocation, function, logger, clock));
    } catch (Throwable e) {
      thrown = e;
    }
    // The function may have set its thread's interrupt flag; talking to the Runtime API must not see it.
    Thread.interrupted();
    if (thrown == null) {
      api.respond(invocation.requestId(), response.toByteArray());
      return true;
    }
    if (thrown instanceof HandlerFault fault) {
      api.reportError(invocation.requestId(), fault.report());
      logger.log(fault.logText());
      return !fault.fatal();
    }
    api.reportError(invocation.requestId(), ErrorReport.of(thrown));
    logger.log(HandlerFault.of(thrown, false).logText());
    return !(thrown instanceof VirtualMachineError || thrown instanceof IOError);
  }
}
