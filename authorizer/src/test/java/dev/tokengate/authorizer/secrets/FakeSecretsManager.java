package dev.tokengate.authorizer.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tokengate.core.config.EnvironmentConfig;
import dev.tokengate.testing.TestTokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny Secrets Manager stand-in on 127.0.0.1 (a free port) that speaks just enough of the JSON protocol for
 * {@code GetSecretValue}, and can also answer with the faults a real emulator cannot produce: latency, 5xx,
 * throttling, access denied.
 */
public final class FakeSecretsManager implements AutoCloseable {

  static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:tokengate-key-AbCdEf";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  /** One thread per request, so a delayed answer does not hold the next request. */
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<String, String> values = new ConcurrentHashMap<>();
  private final List<String> requestedStages = new CopyOnWriteArrayList<>();
  private volatile int faultStatus;
  private volatile String faultType;
  private volatile Duration delay = Duration.ZERO;

  public FakeSecretsManager() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** The environment of an authorizer that reads {@link #ARN} from this server. */
  public Map<String, String> env(String... extra) {
    Map<String, String> env = TestTokens.env(EnvironmentConfig.JWT_SECRET, null,
        EnvironmentConfig.JWT_SECRET_ARN, ARN, "AWS_REGION", "us-east-1",
        "AWS_ENDPOINT_URL_SECRETS_MANAGER", endpoint());
    for (int i = 0; i < extra.length; i += 2) {
      env.put(extra[i], extra[i + 1]);
    }
    return env;
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public FakeSecretsManager put(String stage, String value) {
    values.put(stage, value);
    return this;
  }

  public FakeSecretsManager remove(String stage) {
    values.remove(stage);
    return this;
  }

  /** Answers every request with this AWS error until {@link #healthy()}. */
  public FakeSecretsManager fault(int status, String errorType) {
    faultType = errorType;
    faultStatus = status;
    return this;
  }

  public FakeSecretsManager delay(Duration delay) {
    this.delay = delay;
    return this;
  }

  public FakeSecretsManager healthy() {
    faultStatus = 0;
    delay = Duration.ZERO;
    return this;
  }

  List<String> requestedStages() {
    return List.copyOf(requestedStages);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      String stage = request.path("VersionStage").asText();
      requestedStages.add(stage);
      if (!delay.isZero()) {
        sleep(delay);
      }
      if (faultStatus != 0) {
        error(exchange, faultStatus, faultType);
        return;
      }
      String value = values.get(stage);
      if (value == null) {
        error(exchange, 400, "ResourceNotFoundException");
        return;
      }
      ObjectNode body = JSON.createObjectNode()
          .put("ARN", ARN)
          .put("Name", "tokengate-key")
          .put("VersionId", "v-" + stage)
          .put("SecretString", value);
      body.putArray("VersionStages").add(stage);
      send(exchange, 200, body.toString());
    }
  }

  private static void error(HttpExchange exchange, int status, String type) throws IOException {
    exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
    send(exchange, status, "{\"__type\":\"" + type + "\",\"message\":\"fault injected by the test\"}");
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
