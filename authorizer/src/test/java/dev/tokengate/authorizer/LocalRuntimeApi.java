package dev.tokengate.authorizer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of the Lambda Runtime API (version 2018-06-01) that a runtime client uses, served on 127.0.0.1 for
 * one test: the client long-polls {@code invocation/next} for the events that {@link #invoke} queues and posts
 * back a {@code response} or an {@code error}; an {@code init/error} fails every pending and later invocation.
 */
final class LocalRuntimeApi implements AutoCloseable {

  static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:tokengate-authorizer";

  private static final String PREFIX = "/2018-06-01/runtime/";
  private static final Pattern RESULT = Pattern.compile(PREFIX + "invocation/([^/]+)/(response|error)");
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  /** What the runtime client posted for one invocation: its body, and whether it was an error. */
  record Answer(boolean error, String body) {}

  private record Invocation(String requestId, byte[] event) {}

  private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
  private final Map<String, CompletableFuture<Answer>> answers = new ConcurrentHashMap<>();
  private final CompletableFuture<String> initError = new CompletableFuture<>();
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "local-runtime-api");
    thread.setDaemon(true);
    return thread;
  });
  private final HttpServer server;

  LocalRuntimeApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext(PREFIX, this::handle);
    server.start();
  }

  /** The value of {@code AWS_LAMBDA_RUNTIME_API}: host and port, no scheme. */
  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Hands the event to the runtime client and waits for what it posts back.
   *
   * @throws TimeoutException when nothing comes back in time (the runtime client may have died)
   * @throws IllegalStateException when the runtime client reported an init error
   */
  Answer invoke(byte[] event, Duration timeout) throws Exception {
    String requestId = UUID.randomUUID().toString();
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    answers.put(requestId, answer);
    pending.add(new Invocation(requestId, event));
    return CompletableFuture.anyOf(answer, initError.thenApply(LocalRuntimeApi::failInit))
        .thenApply(Answer.class::cast)
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Waits for the runtime client to report that the function failed to initialize.
   *
   * @return the error document it posted
   * @throws TimeoutException when it reports nothing in time
   */
  String initError(Duration timeout) throws Exception {
    return initError.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static Answer failInit(String error) {
    throw new IllegalStateException("the runtime client reported an init error: " + error);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      Matcher result = RESULT.matcher(path);
      if (method.equals("GET") && path.equals(PREFIX + "invocation/next")) {
        next(exchange);
      } else if (method.equals("POST") && result.matches() && answers.containsKey(result.group(1))) {
        String body = body(exchange);
        answers.get(result.group(1)).complete(new Answer(result.group(2).equals("error"), body));
        accepted(exchange);
      } else if (method.equals("POST") && path.equals(PREFIX + "init/error")) {
        initError.complete(body(exchange));
        accepted(exchange);
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
    }
  }

  /** Blocks like the real API until there is an event; {@link #close} interrupts the wait. */
  private void next(HttpExchange exchange) throws IOException {
    Invocation invocation;
    try {
      invocation = pending.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.sendResponseHeaders(500, -1);
      return;
    }
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "application/json");
    headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
    headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + DEADLINE.toMillis()));
    headers.set("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN);
    headers.set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
    exchange.sendResponseHeaders(200, invocation.event().length);
    exchange.getResponseBody().write(invocation.event());
  }

  private static String body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void accepted(HttpExchange exchange) throws IOException {
    byte[] status = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(202, status.length);
    exchange.getResponseBody().write(status);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
