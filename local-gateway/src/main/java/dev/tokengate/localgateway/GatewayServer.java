package dev.tokengate.localgateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tokengate.lambdarunner.LoopbackHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The HTTP side of local-gateway on 127.0.0.1: hands each request to the {@link Gateway}, writes its reply and
 * logs one line per request (method, path without query string, status, decision, latency; never a header).
 * Thread-safe.
 */
final class GatewayServer implements AutoCloseable {

  /** API Gateway's payload limit. */
  static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;

  private GatewayServer(HttpServer server) {
    this.server = server;
    this.executor = Executors.newFixedThreadPool(16, runnable -> {
      Thread thread = new Thread(runnable, "local-gateway-http");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
  }

  /**
   * Takes the port now, so a busy port is reported before any function starts.
   *
   * @param port 0 for any free port
   * @throws java.net.BindException when the port is taken
   */
  static GatewayServer bind(int port) throws IOException {
    return new GatewayServer(LoopbackHttpServer.create(port, 64));
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The address the server socket is actually bound to. */
  InetSocketAddress boundAddress() {
    return server.getAddress();
  }

  void start(Gateway gateway, Consumer<String> log, Clock clock) {
    server.createContext("/", exchange -> serve(exchange, gateway, log, clock));
    server.start();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void serve(HttpExchange exchange, Gateway gateway, Consumer<String> log, Clock clock)
      throws IOException {
    long started = System.nanoTime();
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      byte[] body = readBody(exchange);
      Gateway.Outcome outcome;
      if (body == null) {
        outcome = new Gateway.Outcome(HttpReply.json(413, "{\"message\":\"Request Too Long\"}"), "too-large");
      } else {
        IncomingRequest request = new IncomingRequest(method, path, exchange.getRequestURI().getRawQuery(),
            Map.copyOf(exchange.getRequestHeaders()), body,
            exchange.getRemoteAddress().getAddress().getHostAddress());
        outcome = gateway.handle(request);
      }
      write(exchange, outcome.reply());
      log.accept(String.format("%s %s %s -> %d %s %d ms", clock.instant(), method, path,
          outcome.reply().status(), outcome.decision(), Duration.ofNanos(System.nanoTime() - started).toMillis()));
    }
  }

  /** The body, or null when it exceeds API Gateway's limit. */
  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      return body.length > MAX_BODY_BYTES ? null : body;
    }
  }

  private static void write(HttpExchange exchange, HttpReply reply) throws IOException {
    reply.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
    boolean noBody = reply.body().length == 0 || exchange.getRequestMethod().equals("HEAD")
        || reply.status() == 204 || reply.status() == 304;
    exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply.body());
      }
    }
  }
}
