package dev.tokengate.localgateway;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load check, not a test: drives GET /hello on a local stack for a bounded time with the authorizer cache on and
 * off, and prints requests per second, p50/p99 latency and the status codes seen. Run by tools/load-check after
 * ./mvnw -B package.
 *
 * <p>Arguments: [seconds per run, default 15] [concurrent clients, default 8] [stack, default {@code test}]. The
 * {@code test} stack is the end-to-end one (packaged hello-lambda behind a test authorizer that allows a fixed
 * token without any cryptography); {@code repository} is the repository's template.yaml with the real authorizer,
 * a fresh key as JWT_SECRET and an HS256 token signed with it by java-jwt.
 */
public final class LoadCheck {

  private static final Path REPOSITORY_TEMPLATE = Path.of("..", "template.yaml").toAbsolutePath().normalize();

  private LoadCheck() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    String stack = args.length > 2 ? args[2] : "test";
    if (!stack.equals("test") && !stack.equals("repository")) {
      System.err.println("tools/load-check: the stack is 'test' or 'repository', not '" + stack + "'");
      System.exit(2);
    }
    String secret = DevSecret.generate().value();
    Path template = stack.equals("test") ? EndToEndStack.writeTemplate(Files.createTempDirectory("load-check-"))
        : REPOSITORY_TEMPLATE;
    String ttlParameter = stack.equals("test") ? "AuthorizerTtl" : "AuthorizerCacheTtlSeconds";
    String authorization = stack.equals("test") ? "Bearer allow.load-user.sig" : "Bearer " + token(secret);
    for (String ttl : List.of("300", "0")) {
      try (LocalApi api = LocalApi.start(new LocalApi.Settings(template, 0, Map.of(ttlParameter, ttl),
          Map.of("JWT_SECRET", secret)), LoadCheck::printUnlessRequestLine, Clock.systemUTC())) {
        run(api, authorization, 2, clients);
        Result result = run(api, authorization, seconds, clients);
        System.out.printf("%s stack, cache %-9s %d clients, %d s: %.0f req/s, p50 %.1f ms, p99 %.1f ms, statuses %s%n",
            stack, ttl.equals("0") ? "off" : "on (" + ttl + " s)", clients, seconds, result.perSecond(),
            result.percentile(50), result.percentile(99), result.statuses());
      }
    }
  }

  /** A token the real authorizer allows for the whole run: the seed article's claims, valid for an hour. */
  private static String token(String secret) {
    Instant now = Instant.now();
    return JWT.create().withSubject("load-user").withClaim("role", "admin").withIssuedAt(now)
        .withExpiresAt(now.plus(Duration.ofHours(1))).sign(Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8)));
  }

  /** Function output and setup notes go to stderr; thousands of request lines would drown them. */
  private static void printUnlessRequestLine(String line) {
    if (!line.contains(" -> ")) {
      System.err.println(line);
    }
  }

  private record Result(List<Long> nanos, Map<Integer, AtomicInteger> statuses, double seconds) {

    double perSecond() {
      return nanos.size() / seconds;
    }

    double percentile(int p) {
      List<Long> sorted = new ArrayList<>(nanos);
      Collections.sort(sorted);
      return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
    }
  }

  private static Result run(LocalApi api, String authorization, int seconds, int clients)
      throws InterruptedException {
    ExecutorService httpThreads = Executors.newFixedThreadPool(clients);
    HttpClient http = HttpClient.newBuilder().executor(httpThreads).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/hello"))
        .header("Authorization", authorization).GET().build();
    List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    for (int i = 0; i < clients; i++) {
      pool.execute(() -> {
        while (System.nanoTime() < end) {
          long started = System.nanoTime();
          try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            nanos.add(System.nanoTime() - started);
            statuses.computeIfAbsent(status, key -> new AtomicInteger()).incrementAndGet();
          } catch (Exception e) {
            statuses.computeIfAbsent(-1, key -> new AtomicInteger()).incrementAndGet();
          }
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
    // Its threads are not daemons: left running, they would keep the JVM alive after the last run.
    httpThreads.shutdownNow();
    return new Result(nanos, statuses, seconds);
  }
}
