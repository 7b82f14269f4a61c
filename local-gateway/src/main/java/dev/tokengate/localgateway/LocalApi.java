package dev.tokengate.localgateway;

import dev.tokengate.lambdarunner.ChildJvm;
import dev.tokengate.lambdarunner.FunctionRunner;
import dev.tokengate.lambdarunner.FunctionStartException;
import dev.tokengate.lambdarunner.LambdaRuntimeJars;
import dev.tokengate.lambdarunner.TaskRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A running local API: the template read, every function it needs warm in its own JVM, and the HTTP server in
 * front. {@link #start} either returns a serving API or stops what it started and says why.
 */
final class LocalApi implements AutoCloseable {

  /** The key variable the authorizer reads locally; its AWS counterpart names a Secrets Manager secret. */
  static final String SECRET_VARIABLE = "JWT_SECRET";
  static final String SECRET_ARN_VARIABLE = "JWT_SECRET_ARN";
  private static final String JWT_PREFIX = "JWT_";
  private static final int CACHE_ENTRIES = 10_000;
  /**
   * Where the build copies the runtime interface client and its libraries: next to {@code local-gateway.jar}, or
   * next to {@code classes/} when run from the build's output, as the tests do.
   */
  static final String RUNTIME_FOLDER = "lambda-runtime";

  /**
   * What to serve.
   *
   * @param port 0 for any free port
   * @param parameters overrides for the template's {@code Parameters}
   * @param environment the caller's environment; only its {@code JWT_*} variables reach functions
   * @param runtime what runs the functions ({@code --runtime})
   */
  record Settings(Path template, int port, Map<String, String> parameters, Map<String, String> environment,
      FunctionRuntime runtime) {

    Settings {
      parameters = Map.copyOf(parameters);
      environment = Map.copyOf(environment);
    }

    /** With the runtime chosen for this machine ({@code --runtime auto}). */
    Settings(Path template, int port, Map<String, String> parameters, Map<String, String> environment) {
      this(template, port, parameters, environment, FunctionRuntime.AUTO);
    }
  }

  private final SamTemplate template;
  private final GatewayServer server;
  private final Map<String, FunctionRunner> runners;
  private final Path workDir;
  private final Optional<DevSecret> devSecret;
  private final Map<String, String> jwtVariables;
  private final FunctionOutput output;
  private final Consumer<String> log;

  private LocalApi(SamTemplate template, GatewayServer server, Map<String, FunctionRunner> runners, Path workDir,
      Optional<DevSecret> devSecret, Map<String, String> jwtVariables, FunctionOutput output, Consumer<String> log) {
    this.template = template;
    this.server = server;
    this.runners = runners;
    this.workDir = workDir;
    this.devSecret = devSecret;
    this.jwtVariables = jwtVariables;
    this.output = output;
    this.log = log;
  }

  /**
   * Reads the template, checks the artifacts, takes the port, starts every function and begins serving.
   *
   * @param log receives the request log, the functions' output (EMF documents as metric lines), notes about the
   *     setup and, from {@link #close}, the summary of the metrics
   * @throws TemplateException when the template cannot be served
   * @throws StartupException when an artifact is missing, the port is busy or a function fails to start
   */
  static LocalApi start(Settings settings, Consumer<String> log, Clock clock) throws StartupException {
    SamTemplate template = SamTemplate.read(settings.template(), settings.parameters());
    RouteTable routes = new RouteTable(template.routes());
    for (LambdaFunction function : template.functions().values()) {
      if (!Files.exists(function.codeUri())) {
        throw new StartupException(function.name() + ": its artifact " + function.codeUri()
            + " does not exist; run ./mvnw -B package first");
      }
    }
    List<Path> runtimeJars;
    try {
      runtimeJars = LambdaRuntimeJars.locate(runtimeFolder().orElseThrow(() -> new IllegalStateException(
          "cannot tell where local-gateway runs from; run it as java -jar local-gateway/target/local-gateway.jar")));
    } catch (IllegalStateException e) {
      throw new StartupException(e.getMessage());
    }

    Map<String, String> jwtVariables = new LinkedHashMap<>();
    settings.environment().forEach((name, value) -> {
      if (name.startsWith(JWT_PREFIX) && !name.equals(SECRET_ARN_VARIABLE)) {
        jwtVariables.put(name, value);
      }
    });
    Optional<DevSecret> devSecret = Optional.empty();
    if (jwtVariables.getOrDefault(SECRET_VARIABLE, "").isEmpty()) {
      devSecret = Optional.of(DevSecret.generate());
      jwtVariables.put(SECRET_VARIABLE, devSecret.get().value());
    }

    GatewayServer server;
    try {
      server = GatewayServer.bind(settings.port());
    } catch (BindException e) {
      throw new StartupException("port " + settings.port() + " on 127.0.0.1 is busy: stop what uses it or pass"
          + " --port N");
    } catch (IOException e) {
      throw new StartupException("cannot listen on 127.0.0.1:" + settings.port() + ": " + e.getMessage());
    }

    explainApiKeys(template, log);
    FunctionOutput output = new FunctionOutput(log);
    Map<String, FunctionRunner> runners = new LinkedHashMap<>();
    Path workDir = null;
    try {
      workDir = Files.createTempDirectory("local-gateway-");
      FunctionRuntime.Choice runtime =
          settings.runtime().choose(runtimeJars, workDir, ChildJvm::ofCurrentJava, ChildJvm::pureJava);
      log.accept("local-gateway: " + runtime.description());
      ChildJvm jvm = runtime.jvm();
      for (LambdaFunction declared : template.functions().values()) {
        LambdaFunction function = withoutSecretArn(declared);
        explainLeftOutVariables(function, log);
        Map<String, String> local = jwtVariablesFor(function, jwtVariables);
        Path taskRoot = TaskRoot.prepare(function.codeUri(), workDir);
        if (!TaskRoot.containsHandlerClass(taskRoot, function.handler())) {
          throw new StartupException(function.name() + ": its handler class "
              + function.handler().split("::")[0] + " is not in " + function.codeUri()
              + "; check Handler in the template, or rebuild with ./mvnw -B package");
        }
        runners.put(function.name(),
            new FunctionRunner(function.configuration(), taskRoot, jvm, local, output.of(function.name()), log, clock));
      }
      startAll(runners.values());
    } catch (IOException | StartupException | RuntimeException e) {
      server.close();
      runners.values().forEach(FunctionRunner::close);
      deleteRecursively(workDir);
      if (e instanceof StartupException startup) {
        throw startup;
      }
      throw new StartupException("cannot prepare the functions: " + e.getMessage());
    }

    Map<String, Integer> timeouts = new LinkedHashMap<>();
    template.functions().forEach((name, function) -> timeouts.put(name, function.timeoutSeconds()));
    Gateway gateway = new Gateway(routes,
        (name, event, limit) -> runners.get(name).invoke(event, limit),
        timeouts, new PolicyCache(clock, CACHE_ENTRIES), clock);
    server.start(gateway, log, clock);
    return new LocalApi(template, server, runners, workDir, devSecret, jwtVariables, output, log);
  }

  int port() {
    return server.port();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port());
  }

  SamTemplate template() {
    return template;
  }

  /** Present when the caller set no {@code JWT_SECRET} and this run generated one. */
  Optional<DevSecret> devSecret() {
    return devSecret;
  }

  /**
   * A variable as the authorizer sees it: the caller's value, else the template's value for the authorizer of
   * {@code route}.
   */
  Optional<String> authorizerVariable(Route route, String name) {
    if (jwtVariables.containsKey(name)) {
      return Optional.of(jwtVariables.get(name));
    }
    return route.authorizer()
        .map(authorizer -> template.functions().get(authorizer.functionName()).environment().get(name));
  }

  /** Stops serving and the functions, then prints the summary of the metrics they sent, if they sent any. */
  @Override
  public void close() {
    server.close();
    runners.values().forEach(FunctionRunner::close);
    deleteRecursively(workDir);
    output.summary().forEach(log);
  }

  private static Optional<Path> runtimeFolder() {
    CodeSource source = LocalApi.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      return Optional.empty();
    }
    try {
      Path location = Path.of(source.getLocation().toURI());
      return Optional.ofNullable(location.getParent()).map(parent -> parent.resolve(RUNTIME_FOLDER));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static void startAll(Iterable<FunctionRunner> runners) throws StartupException {
    List<CompletableFuture<Void>> starts = new ArrayList<>();
    for (FunctionRunner runner : runners) {
      starts.add(CompletableFuture.runAsync(() -> {
        try {
          runner.start();
        } catch (FunctionStartException e) {
          throw new CompletionException(e);
        }
      }));
    }
    List<String> failures = new ArrayList<>();
    for (CompletableFuture<Void> start : starts) {
      try {
        start.join();
      } catch (CompletionException e) {
        failures.add(e.getCause().getMessage());
      }
    }
    if (!failures.isEmpty()) {
      throw new StartupException(String.join("; ", failures));
    }
  }

  /**
   * The caller's {@code JWT_*} variables a function gets. All of them, the key included, go only to a function whose
   * template declares {@value #SECRET_VARIABLE} or {@value #SECRET_ARN_VARIABLE} (the authorizer); any other
   * function gets the caller's values of just the {@code JWT_*} variables its template names, never the key.
   */
  static Map<String, String> jwtVariablesFor(LambdaFunction function, Map<String, String> jwtVariables) {
    Set<String> declared = new HashSet<>(function.environment().keySet());
    declared.addAll(function.awsOnlyVariables());
    if (declared.contains(SECRET_VARIABLE) || declared.contains(SECRET_ARN_VARIABLE)) {
      return jwtVariables;
    }
    Map<String, String> named = new LinkedHashMap<>();
    jwtVariables.forEach((name, value) -> {
      if (declared.contains(name)) {
        named.put(name, value);
      }
    });
    return named;
  }

  /**
   * A secret's ARN only means something in AWS, even when the template spells it out: locally the function reads
   * its key from {@code JWT_SECRET}; the authorizer prefers the ARN when both are set and would go to AWS.
   */
  private static LambdaFunction withoutSecretArn(LambdaFunction function) {
    if (!function.environment().containsKey(SECRET_ARN_VARIABLE)) {
      return function;
    }
    Map<String, String> environment = new LinkedHashMap<>(function.environment());
    environment.remove(SECRET_ARN_VARIABLE);
    List<String> awsOnly = new ArrayList<>(function.awsOnlyVariables());
    awsOnly.add(SECRET_ARN_VARIABLE);
    return new LambdaFunction(function.name(), function.codeUri(), function.handler(), function.memoryMb(),
        function.timeoutSeconds(), environment, awsOnly);
  }

  /** Said once per API at start: what of API keys and usage plans is emulated. */
  private static void explainApiKeys(SamTemplate template, Consumer<String> log) {
    template.routes().stream().map(Route::api).filter(RestApi::apiKeyFromAuthorizer).distinct()
        .forEach(api -> log.accept(api.logicalId() + ": ApiKeySourceType is AUTHORIZER: the backend gets the"
            + " authorizer's usageIdentifierKey as requestContext.identity.apiKey, but local-gateway does not enforce"
            + " usage plans (no API key check, throttling or quota)"));
  }

  private static void explainLeftOutVariables(LambdaFunction function, Consumer<String> log) {
    for (String variable : function.awsOnlyVariables()) {
      log.accept(variable.equals(SECRET_ARN_VARIABLE)
          ? function.name() + ": " + SECRET_ARN_VARIABLE + " names a secret that exists only in AWS; locally the"
              + " function reads its key from " + SECRET_VARIABLE + " instead"
          : function.name() + ": " + variable + " refers to an AWS resource and has no local value; it is left out");
    }
  }

  /** Best effort: a temporary folder the OS cleans up anyway, so what cannot be deleted now is left behind. */
  private static void deleteRecursively(Path directory) {
    if (directory == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(LocalApi::deleteQuietly);
    } catch (IOException | UncheckedIOException e) {
      // left behind, see above
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // left behind, see deleteRecursively
    }
  }
}
