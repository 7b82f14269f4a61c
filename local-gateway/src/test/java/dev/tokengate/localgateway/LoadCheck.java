package dev.tokengate.localgateway;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load check, not a test: drives GET /hello on the end-to-end stack (packaged hello-lambda, test authorizer)
 * for a bounded time with the authorizer cache on and off, and prints requests per second, p50/p99 latency and
 * the status codes seen. Run by tools/load-check after ./mvnw -B package.
 *
 * <p>Arguments: [seconds per run, default 15] [concurrent clients, default 8].
 */
public final class LoadCheck {

  private LoadCheck() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    Path dir = Files.createTempDirectory("load-check-");
    Path template = EndToEndStack.writeTemplate(dir);
    for (String ttl : List.of("300", "0")) {
      try (LocalApi api = LocalApi.start(new LocalApi.Settings(template, 0, Map.of("AuthorizerTtl", ttl),
          Map.of("JWT_SECRET", DevSecret.generate().value())), LoadCheck::printUnlessRequestLine, Clock.systemUTC())) {
        run(api, 2, clients);
        Result result = run(api, seconds, clients);
        System.out.printf("cache %-9s %d clients, %d s: %.0f req/s, p50 %.1f ms, p99 %.1f ms, statuses %s%n",
            ttl.equals("0") ? "off" : "on (" + ttl + " s)", clients, seconds, result.perSecond(),
            result.percentile(50), result.percentile(99), result.statuses());
      }
    }
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

  private static Result run(LocalApi api, int seconds, int clients) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(clients)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/hello"))
        .header("Authorization", "Bearer allow.load-user.sig").GET().build();
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
    return new Result(nanos, statuses, seconds);
  }
}
