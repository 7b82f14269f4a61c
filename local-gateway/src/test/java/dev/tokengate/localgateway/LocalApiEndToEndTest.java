package dev.tokengate.localgateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * local-gateway as a whole: the packaged hello-lambda and a test authorizer, each in its own JVM, called over HTTP
 * on 127.0.0.1. Every check runs under each runtime: {@link NativeRuntimeEndToEndTest} under AWS's runtime
 * interface client, where its native library exists (skipped elsewhere, with the reason), and
 * {@link JavaRuntimeEndToEndTest} under the pure-Java runtime, everywhere. Each starts the stack once.
 */
abstract class LocalApiEndToEndTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<String> LOG = Collections.synchronizedList(new ArrayList<>());

  @TempDir
  static Path dir;

  private static LocalApi api;
  private static FunctionRuntime runtime;

  /** Called by each subclass once, before its checks. */
  static void start(FunctionRuntime functionRuntime) throws Exception {
    runtime = functionRuntime;
    LOG.clear();
    api = LocalApi.start(new LocalApi.Settings(EndToEndStack.writeTemplate(dir), 0, Map.of(), Map.of(), runtime),
        LOG::add, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
      api = null;
    }
  }

  @Test
  void saysAtStartWhichRuntimeRunsTheFunctions() {
    assertThat(log()).contains(runtime == FunctionRuntime.NATIVE
        ? "local-gateway: functions run under AWS's runtime interface client, as in Lambda (--runtime native)"
        : "local-gateway: functions run in the pure-Java runtime, which loads and (de)serializes as the Java"
            + " runtime does (--runtime java)");
  }

  /** JDK 24 and newer warn when the runtime client loads its JNI library without native access allowed. */
  @Test
  void functionsPrintNoWarningAboutNativeAccess() {
    assertThat(log()).noneMatch(line -> line.contains("WARNING: A restricted method"));
  }

  @Test
  void answersAMissingTokenWith401AndTheTemplatesHeader() throws Exception {
    HttpResponse<String> response = get("/hello", null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
    assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
  }

  @Test
  void runsTheBackendForAnAllowedToken() throws Exception {
    HttpResponse<String> response = get("/hello", "Bearer allow.user-7.sig");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("\"Hello from Lambda!\"");
  }

  @Test
  void showsTheBackendThePrincipalAndReusesTheCachedPolicyOnAnotherRoute() throws Exception {
    HttpResponse<String> first = get("/whoami", "Bearer allow.user-8.sig");
    HttpResponse<String> second = get("/hello", "Bearer allow.user-8.sig");
    HttpResponse<String> third = get("/whoami", "Bearer allow.user-8.sig");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).contains("\"principalId\":\"user-8\"").contains("\"message\":\"ok\"");
    assertThat(second.statusCode()).isEqualTo(200);
    // The authorizer's own count is frozen in the cached context: it ran once for three requests.
    assertThat(callsIn(third.body())).isEqualTo(callsIn(first.body())).isNotEmpty();
  }

  @Test
  void givesTheAuthorizerAGeneratedKeyWhenTheCallerHasNone() throws Exception {
    HttpResponse<String> response = get("/whoami", "Bearer allow.user-9.sig");

    assertThat(api.devSecret()).isPresent();
    assertThat(response.body()).contains("\"secretLength\":\"64\"");
  }

  @Test
  void rendersADenyWithTheAuthorizersMessage() throws Exception {
    HttpResponse<String> response = get("/hello", "Bearer deny.x.sig");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).isEqualTo("{\"message\":\"token expired\"}");
  }

  @Test
  void answersUnauthorizedFromTheAuthorizerWith401() throws Exception {
    assertThat(get("/hello", "Bearer unauthorized.x.sig").statusCode()).isEqualTo(401);
  }

  @Test
  void answersACrashingAuthorizerAndAMalformedPolicyWith500() throws Exception {
    HttpResponse<String> crash = get("/hello", "Bearer crash.x.sig");
    HttpResponse<String> garbage = get("/hello", "Bearer garbage.x.sig");

    assertThat(crash.statusCode()).isEqualTo(500);
    assertThat(crash.body()).isEqualTo("{\"message\":null}");
    assertThat(garbage.statusCode()).isEqualTo(500);
  }

  @Test
  void passesTheBackendsOwnStatusOnAPublicRoute() throws Exception {
    HttpResponse<String> response = get("/public", null);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
  }

  @Test
  void answersAnUnknownRouteWithMissingAuthenticationToken() throws Exception {
    HttpResponse<String> response = get("/nowhere", "Bearer allow.user-7.sig");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
  }

  @Test
  void logsOneLinePerRequestWithoutTheToken() throws Exception {
    get("/hello", "Bearer allow.user-secret-marker.sig");

    assertThat(logOnceItHolds(line -> line.matches(".* GET /hello -> 200 allow( \\(cached\\))? \\d+ ms")))
        .anyMatch(line -> line.matches(".* GET /hello -> 200 allow( \\(cached\\))? \\d+ ms"))
        .noneMatch(line -> line.contains("user-secret-marker"));
  }

  @Test
  void printsTheMetricsTheAuthorizerSendsAsEmfAndWhatUsagePlansAreNotEmulated() throws Exception {
    get("/hello", "Bearer deny.metrics.sig");

    awaitLine(LOG, "[AuthorizerFunction] metric e2e decisions=1 Count, latencyUs=7 Microseconds [decision=deny]");
    assertThat(LOG).noneMatch(line -> line.startsWith("[AuthorizerFunction] {\"decision\""));
    assertThat(LOG).filteredOn(line -> line.contains("ApiKeySourceType is AUTHORIZER")).singleElement()
        .asString().contains("does not enforce usage plans");
  }

  @Test
  void printsASummaryOfTheMetricsWhenItStops(@TempDir Path other) throws Exception {
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    LocalApi own = LocalApi.start(new LocalApi.Settings(EndToEndStack.writeTemplate(other), 0, Map.of(), Map.of()),
        log::add, Clock.systemUTC());
    try {
      HttpResponse<String> first = HTTP.send(HttpRequest.newBuilder(URI.create(own.baseUrl() + "/hello"))
          .header("Authorization", "Bearer allow.summary.sig").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(first.statusCode()).isEqualTo(200);
      HTTP.send(HttpRequest.newBuilder(URI.create(own.baseUrl() + "/hello"))
          .header("Authorization", "Bearer deny.summary.sig").build(), HttpResponse.BodyHandlers.ofString());
      awaitLine(log, "[AuthorizerFunction] metric e2e decisions=1 Count, latencyUs=7 Microseconds [decision=deny]");
    } finally {
      own.close();
    }

    assertThat(log).containsSubsequence(
        "local-gateway: metrics the functions sent (EMF), as CloudWatch would have extracted them:",
        "  e2e decisions Count [decision=allow]: count 1, sum 1",
        "  e2e latencyUs Microseconds [decision=allow]: count 1, sum 7, min 7, avg 7, max 7",
        "  e2e decisions Count [decision=deny]: count 1, sum 1");
  }

  /** The function's output arrives on its own thread, possibly just after the reply. */
  private static void awaitLine(List<String> log, String line) throws InterruptedException {
    for (int i = 0; i < 100 && !log.contains(line); i++) {
      Thread.sleep(50);
    }
    assertThat(log).contains(line);
  }

  @Test
  void reportsAMissingArtifactWithTheBuildCommand(@TempDir Path other) throws Exception {
    Path template = EndToEndStack.writeTemplate(other);
    Files.delete(other.resolve("authorizer.jar"));

    assertThatThrownBy(() -> LocalApi.start(settings(template, 0), line -> { }, Clock.systemUTC()))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("AuthorizerFunction: its artifact")
        .hasMessageEndingWith("does not exist; run ./mvnw -B package first");
  }

  @Test
  void reportsABusyPort(@TempDir Path other) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Path template = EndToEndStack.writeTemplate(other);

      assertThatThrownBy(() -> LocalApi.start(settings(template, taken.getLocalPort()), line -> { },
          Clock.systemUTC()))
          .isInstanceOf(StartupException.class)
          .hasMessage("port " + taken.getLocalPort() + " on 127.0.0.1 is busy: stop what uses it or pass --port N");
    }
  }

  @Test
  void reportsAHandlerClassThatIsNotInTheArtifact(@TempDir Path other) throws Exception {
    Path template = EndToEndStack.writeTemplate(other);
    Files.writeString(template, Files.readString(template)
        .replace("dev.tokengate.hello.HelloHandler::handleRequest", "dev.tokengate.hello.Missing::handleRequest"));

    assertThatThrownBy(() -> LocalApi.start(settings(template, 0), line -> { }, Clock.systemUTC()))
        .isInstanceOf(StartupException.class)
        .hasMessageStartingWith("HelloFunction: its handler class dev.tokengate.hello.Missing is not in ");
  }

  @Test
  void reportsAFunctionWhoseInitFails(@TempDir Path other) throws Exception {
    Path template = EndToEndStack.writeTemplate(other);
    Files.writeString(template, Files.readString(template).replace(
        "          JWT_SECRET_ARN: !Ref SigningKey",
        "          JWT_SECRET_ARN: !Ref SigningKey\n          FAIL_INIT: 'yes'"));

    assertThatThrownBy(() -> LocalApi.start(settings(template, 0), line -> { }, Clock.systemUTC()))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("AuthorizerFunction failed to initialise")
        .hasMessageContaining("FAIL_INIT is set");
  }

  private static LocalApi.Settings settings(Path template, int port) {
    return new LocalApi.Settings(template, port, Map.of(), Map.of(), runtime);
  }

  /**
   * The log once a line matches, or after 5 s: the gateway writes a request's line just after it has sent the
   * answer, so the line may follow the answer by a moment.
   */
  private static List<String> logOnceItHolds(Predicate<String> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (log().stream().noneMatch(wanted) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return log();
  }

  /** A copy: the functions' output threads keep adding to the log. */
  private static List<String> log() {
    synchronized (LOG) {
      return List.copyOf(LOG);
    }
  }

  private static String callsIn(String whoami) {
    Matcher calls = Pattern.compile("\"calls\":\"(\\d+)\"").matcher(whoami);
    return calls.find() ? calls.group(1) : "";
  }

  private static HttpResponse<String> get(String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
