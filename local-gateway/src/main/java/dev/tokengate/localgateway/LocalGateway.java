package dev.tokengate.localgateway;

import dev.tokengate.core.Version;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code java -jar local-gateway.jar}: serves a SAM template's REST API on 127.0.0.1 the way API Gateway would,
 * with each function running from its packaged artifact in its own JVM. Stops, with its functions, on Ctrl-C.
 */
@Command(
    name = "local-gateway",
    mixinStandardHelpOptions = true,
    versionProvider = LocalGateway.ManifestVersion.class,
    sortOptions = false,
    description = {
        "Serves template.yaml's REST API on 127.0.0.1 like API Gateway: TOKEN",
        "authorizer, policy cache, gateway responses, Lambda proxy events. Functions",
        "run from their packaged artifacts (./mvnw -B package), each in its own JVM.",
        "Without AWS's runtime client for this system, the pure-Java runtime runs them.",
        "They get the template's environment plus your JWT_* variables; without",
        "JWT_SECRET a development key is generated for this run and printed once."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "1:could not start: missing artifact, busy port, function failing to start, --runtime native without AWS's runtime client for this system",
        "2:usage error or a template local-gateway cannot serve",
        "70:internal error (a bug: please report it)"})
public final class LocalGateway implements Callable<Integer> {

  static final int DEFAULT_PORT = 3000;

  @Spec
  private CommandSpec spec;

  @Option(names = "--port", paramLabel = "N", description = "Port on 127.0.0.1 (0 picks a free one). Default: ${DEFAULT-VALUE}.")
  private int port = DEFAULT_PORT;

  @Option(names = "--template", paramLabel = "FILE", description = "The SAM template. Default: ${DEFAULT-VALUE}.")
  private Path template = Path.of("template.yaml");

  @Option(names = "--parameter", paramLabel = "NAME=VALUE",
      description = "A value for one of the template's Parameters (repeatable).")
  private Map<String, String> parameters = new LinkedHashMap<>();

  @Option(names = "--runtime", paramLabel = "MODE",
      description = {"What runs the functions: native (AWS's runtime interface client, as in Lambda; Linux on",
          "x86_64 or arm64), java (the pure-Java runtime, any system) or auto (native where it",
          "can run, else java). Default: ${DEFAULT-VALUE}."})
  private FunctionRuntime runtime = FunctionRuntime.AUTO;

  @Option(names = "--ready-file", paramLabel = "FILE",
      description = "Once serving, write the base URL (http://127.0.0.1:PORT) to FILE, for scripts and test runners.")
  private Path readyFile;

  private final Map<String, String> environment;
  private final Clock clock;

  LocalGateway(Map<String, String> environment, Clock clock) {
    this.environment = Map.copyOf(environment);
    this.clock = clock;
  }

  /** Runs until Ctrl-C (or another signal) stops it; fails with the codes listed in {@code --help}. */
  public static void main(String[] args) {
    System.exit(commandLine(System.getenv(), Clock.systemUTC()).execute(args));
  }

  static CommandLine commandLine(Map<String, String> environment, Clock clock) {
    return new CommandLine(new LocalGateway(environment, clock))
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExitCodeExceptionMapper(exception -> 70);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (port < 0 || port > 65535) {
      err.println("local-gateway: --port must be between 0 and 65535");
      return 2;
    }
    if (!Files.isRegularFile(template)) {
      err.println("local-gateway: template " + template + " not found; run from the project folder or pass"
          + " --template FILE");
      return 2;
    }
    LocalApi api;
    try {
      api = LocalApi.start(new LocalApi.Settings(template, port, parameters, environment, runtime), line -> {
        out.println(line);
        out.flush();
      }, clock);
    } catch (TemplateException e) {
      err.println("local-gateway: " + template + ": " + e.getMessage());
      return 2;
    } catch (StartupException e) {
      err.println("local-gateway: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      out.println("local-gateway: stopping the functions");
      out.flush();
      api.close();
      stopped.countDown();
    }, "local-gateway-shutdown"));
    Banner.print(api, template, out, clock);
    out.flush();
    if (readyFile != null) {
      try {
        Files.writeString(readyFile, api.baseUrl() + System.lineSeparator(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        err.println("local-gateway: cannot write --ready-file " + readyFile + ": " + e.getMessage());
      }
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** picocli's view of the version the build wrote into local-gateway.jar's manifest. */
  static final class ManifestVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
      return new String[] {"local-gateway " + Version.of(LocalGateway.class)};
    }
  }
}
