package dev.tokengate.lambdarunner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API (version 2018-06-01) for one function instance, served on 127.0.0.1: the runtime
 * interface client in the function's JVM asks it for the next event and posts back the response or the error.
 *
 * <p>Any local process can connect to 127.0.0.1, so every path of this API starts with a secret: 128 random bits
 * drawn from {@link SecureRandom} when the API starts, part of {@link #address()}, which only the function's JVM
 * gets (in its environment). A request without it is refused with 403 before anything else is looked at; it never
 * sees an event nor completes an invocation. Thread-safe.
 */
public final class RuntimeApi implements AutoCloseable {

  /**
   * Raised through {@link #initialized()} when the runtime reports that the function could not initialise. Its
   * message is {@code errorType: errorMessage}.
   */
  public static final class InitErrorException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String errorType;
    private final String errorMessage;

    InitErrorException(String errorType, String errorMessage) {
      super(errorType.isEmpty() ? errorMessage : errorType + ": " + errorMessage);
      this.errorType = errorType;
      this.errorMessage = errorMessage;
    }

    /** The {@code errorType} of the runtime's report, empty when it gave none. */
    public String errorType() {
      return errorType;
    }

    /** The {@code errorMessage} of the runtime's report, empty when it gave none. */
    public String errorMessage() {
      return errorMessage;
    }
  }

  private record Invocation(String requestId, byte[] event, long deadlineMillis,
      CompletableFuture<InvocationResult> result) {}

  private static final String PREFIX = "/2018-06-01/runtime/";
  private static final Pattern INVOCATION_PATH =
      Pattern.compile(PREFIX + "invocation/([^/]+)/(response|error)");
  private static final int SECRET_BYTES = 16;
  private static final String FORBIDDEN =
      "{\"errorMessage\":\"not the function's Runtime API client\",\"errorType\":\"Forbidden\"}";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String functionArn;
  private final Clock clock;
  /** The first path segment of every request: hex of {@link #SECRET_BYTES} random bytes. Never logged. */
  private final byte[] secret;
  private final HttpServer server;
  private final ExecutorService executor;
  private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
  private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> initialized = new CompletableFuture<>();
  private volatile boolean closed;

  private RuntimeApi(String functionArn, Clock clock, SecureRandom random) throws IOException {
    this.functionArn = functionArn;
    this.clock = clock;
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    this.secret = HexFormat.of().formatHex(bytes).getBytes(StandardCharsets.US_ASCII);
    this.server = LoopbackHttpServer.create(0, 0);
    this.executor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "runtime-api");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Serves a Runtime API on a free port of 127.0.0.1 for the function with this ARN.
   *
   * @param clock sets each invocation's deadline
   * @throws IOException when no server can be created
   */
  public static RuntimeApi start(String functionArn, Clock clock) throws IOException {
    return new RuntimeApi(functionArn, clock, new SecureRandom());
  }

  /**
   * The value for {@code AWS_LAMBDA_RUNTIME_API}, only for the function's environment: {@code 127.0.0.1:PORT/SECRET}.
   * The runtime interface client puts {@code http://} before it and {@code /2018-06-01/runtime/...} after it, so
   * its requests carry the secret. It is a credential: never log it nor put it on a command line.
   */
  public String address() {
    return "127.0.0.1:" + server.getAddress().getPort() + "/" + new String(secret, StandardCharsets.US_ASCII);
  }

  /** The address the server socket is actually bound to. */
  InetSocketAddress boundAddress() {
    return server.getAddress();
  }

  /**
   * Completes when the runtime first asks for an event (the function's init is over), or exceptionally with an
   * {@link InitErrorException} when it reports an init error. A copy: completing it changes nothing here.
   */
  public CompletableFuture<Void> initialized() {
    return initialized.copy();
  }

  /**
   * Queues an event for the runtime; the future completes when it posts a response or an error, and never
   * completes when the runtime never answers (the caller decides how long to wait).
   *
   * @param timeout sets the deadline the function sees ({@code getRemainingTimeInMillis()})
   */
  public CompletableFuture<InvocationResult> invoke(byte[] event, Duration timeout) {
    Invocation invocation = new Invocation(UUID.randomUUID().toString(), event.clone(),
        clock.millis() + timeout.toMillis(), new CompletableFuture<>());
    queue.add(invocation);
    return invocation.result();
  }

  /** Ends every queued and running invocation with {@code failure}: the function's JVM is gone. */
  void abandon(InvocationResult.Failure failure) {
    Invocation queued;
    while ((queued = queue.poll()) != null) {
      queued.result().complete(failure);
    }
    inFlight.values().forEach(invocation -> invocation.result().complete(failure));
    inFlight.clear();
  }

  @Override
  public void close() {
    closed = true;
    abandon(new InvocationResult.Failure("Runtime.ExitError", "the function was stopped"));
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String rawPath = Objects.requireNonNullElse(exchange.getRequestURI().getRawPath(), "");
      int end = rawPath.indexOf('/', 1);
      if (!rawPath.startsWith("/") || end < 0 || !MessageDigest.isEqual(secret,
          rawPath.substring(1, end).getBytes(StandardCharsets.US_ASCII))) {
        reply(exchange, 403, FORBIDDEN);
        return;
      }
      String path = rawPath.substring(end);
      String method = exchange.getRequestMethod();
      Matcher invocation = INVOCATION_PATH.matcher(path);
      if (method.equals("GET") && path.equals(PREFIX + "invocation/next")) {
        next(exchange);
      } else if (method.equals("POST") && invocation.matches()) {
        complete(exchange, invocation.group(1), invocation.group(2).equals("response"));
      } else if (method.equals("POST") && path.equals(PREFIX + "init/error")) {
        JsonNode error = errorOf(readBody(exchange));
        initialized.completeExceptionally(new InitErrorException(
            error.path("errorType").asText(""), error.path("errorMessage").asText("")));
        accepted(exchange);
      } else {
        reply(exchange, 404, "{\"errorMessage\":\"no such Runtime API resource\",\"errorType\":\"NotFound\"}");
      }
    }
  }

  private void next(HttpExchange exchange) throws IOException {
    initialized.complete(null);
    Invocation invocation = null;
    try {
      while (invocation == null && !closed) {
        invocation = queue.poll(1, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (invocation == null) {
      reply(exchange, 500, "{\"errorMessage\":\"the runtime is shutting down\",\"errorType\":\"Shutdown\"}");
      return;
    }
    inFlight.put(invocation.requestId(), invocation);
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "application/json");
    headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
    headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMillis()));
    headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
    headers.set("Lambda-Runtime-Trace-Id", "Root=1-00000000-" + invocation.requestId().replace("-", "").substring(0, 24)
        + ";Sampled=0");
    exchange.sendResponseHeaders(200, invocation.event().length);
    try (OutputStream body = exchange.getResponseBody()) {
      body.write(invocation.event());
    }
  }

  private void complete(HttpExchange exchange, String requestId, boolean success) throws IOException {
    byte[] body = readBody(exchange);
    Invocation invocation = inFlight.remove(requestId);
    if (invocation == null) {
      reply(exchange, 400, "{\"errorMessage\":\"unknown or finished request id\",\"errorType\":\"InvalidRequestID\"}");
      return;
    }
    if (success) {
      invocation.result().complete(new InvocationResult.Success(body));
    } else {
      JsonNode error = errorOf(body);
      invocation.result().complete(new InvocationResult.Failure(
          error.path("errorType").asText(""), error.path("errorMessage").asText("")));
    }
    accepted(exchange);
  }

  private static JsonNode errorOf(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode().put("errorMessage", new String(body, StandardCharsets.UTF_8));
    }
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return in.readAllBytes();
    }
  }

  private static void accepted(HttpExchange exchange) throws IOException {
    reply(exchange, 202, "{\"status\":\"OK\"}");
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream body = exchange.getResponseBody()) {
      body.write(bytes);
    }
  }
}
