package dev.tokengate.authorizer.secrets;

import static dev.tokengate.authorizer.secrets.SecretFetcher.AWSCURRENT;
import static dev.tokengate.authorizer.secrets.SecretFetcher.AWSPREVIOUS;
import static dev.tokengate.testing.TestTokens.OTHER_SECRET;
import static dev.tokengate.testing.TestTokens.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokengate.authorizer.DecisionLog;
import dev.tokengate.core.verify.HmacKey;
import dev.tokengate.core.verify.KeyThumbprint;
import dev.tokengate.testing.MutableClock;
import dev.tokengate.testing.TestTokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RotatingKeySourceTest {

  private static final String THIRD_SECRET = "a-third-key-for-the-next-rotation-0123456789";
  private static final Duration TTL = Duration.ofSeconds(300);

  private final ObjectMapper json = new ObjectMapper();
  private final MutableClock clock = new MutableClock(TestTokens.NOW);
  private final FakeFetcher secret = new FakeFetcher();
  private final List<Runnable> background = new ArrayList<>();
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final DecisionLog log = new DecisionLog(new JsonFactory(), new PrintStream(logBytes, true, StandardCharsets.UTF_8));

  @Test
  void servesFetchedKeysWithoutCallingSecretsManagerWhileFresh() {
    secret.put(AWSCURRENT, SECRET);
    RotatingKeySource source = start(TTL);
    int callsAtInit = secret.calls();

    clock.advance(TTL.minusSeconds(1));
    source.currentKeys();
    source.currentKeys();

    assertThat(thumbprints(source.currentKeys())).containsExactly(thumbprint(SECRET));
    assertThat(secret.calls()).isEqualTo(callsAtInit);
    assertThat(background).isEmpty();
  }

  @Test
  void holdsCurrentThenPreviousKeyDuringARotation() {
    secret.put(AWSCURRENT, SECRET).put(AWSPREVIOUS, OTHER_SECRET);

    assertThat(thumbprints(start(TTL).currentKeys())).containsExactly(thumbprint(SECRET), thumbprint(OTHER_SECRET));
    assertThat(secret.stages).containsExactly(AWSCURRENT, AWSPREVIOUS);
  }

  @Test
  void refreshesStaleKeysInTheBackgroundWhileServingThem() {
    secret.put(AWSCURRENT, SECRET);
    RotatingKeySource source = start(TTL);
    secret.put(AWSCURRENT, THIRD_SECRET).put(AWSPREVIOUS, SECRET);
    clock.advance(TTL);

    assertThat(thumbprints(source.currentKeys())).containsExactly(thumbprint(SECRET));
    assertThat(thumbprints(source.currentKeys())).containsExactly(thumbprint(SECRET));
    assertThat(background).as("one refresh queued, however many requests").hasSize(1);

    runBackground();

    assertThat(thumbprints(source.currentKeys())).containsExactly(thumbprint(THIRD_SECRET), thumbprint(SECRET));
    assertThat(logLines()).last().satisfies(line -> {
      assertThat(line.path("event").asText()).isEqualTo("keys_loaded");
      assertThat(line.path("kids")).extracting(node -> node.asText())
          .containsExactly(thumbprint(THIRD_SECRET), thumbprint(SECRET));
    });
  }

  @Test
  void runsAtMostOneRefreshAtATime() throws Exception {
    secret.put(AWSCURRENT, SECRET);
    RotatingKeySource source = start(TTL);
    CountDownLatch fetching = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    secret.blockNextFetch(fetching, release);
    clock.advance(TTL);
    source.currentKeys();
    Thread refresher = new Thread(background.remove(0));
    refresher.start();
    assertThat(fetching.await(10, TimeUnit.SECONDS)).isTrue();
    int callsDuringRefresh = secret.calls();

    // A token with an unknown kid asks for a refresh while one runs: it neither waits nor fetches.
    assertThat(thumbprints(source.keysForUnknownKid())).containsExactly(thumbprint(SECRET));
    assertThat(secret.calls()).isEqualTo(callsDuringRefresh);

    release.countDown();
    refresher.join(10_000);
    assertThat(refresher.isAlive()).isFalse();
  }

  @Test
  void keepsTheLastGoodKeysForFifteenMinutesWhenRefreshesFail() {
    secret.put(AWSCURRENT, SECRET);
    RotatingKeySource source = start(TTL);
    secret.fail("Secrets Manager refused GetSecretValue (AWSCURRENT): HTTP 400 ThrottlingException");

    clock.advance(Duration.ofMinutes(14).plusSeconds(59));
    assertThat(thumbprints(source.currentKeys())).containsExactly(thumbprint(SECRET));
    runBackground();
    assertThat(logLines()).last().satisfies(line -> {
      assertThat(line.path("event").asText()).isEqualTo("key_fetch_failed");
      assertThat(line.path("message").asText()).contains("ThrottlingException");
      assertThat(line.path("action").asText()).isEqualTo("using the last keys fetched");
    });

    clock.advance(Duration.ofSeconds(1));
    assertThat(source.currentKeys()).isEmpty();
  }

  @Test
  void keepsTheLastGoodKeysForOneTtlWhenTheTtlIsLonger() {
    secret.put(AWSCURRENT, SECRET);
    RotatingKeySource source = start(Duration.ofHours(1));
    secret.fail("unreachable");

    clock.advance(Duration.ofMinutes(59));
    assertThat(source.currentKeys()).hasSize(1);
    clock.advance(Duration.ofMinutes(1));
    assertThat(source.currentKeys()).isEmpty();
  }

  @Test
  void startsWithoutKeysWhenTheFirstFetchFailsAndRecoversLater() {
    secret.fail("Secrets Manager refused GetSecretValue (AWSCURRENT): HTTP 400 AccessDeniedException");

    RotatingKeySource source = start(TTL);

    assertThat(source.currentKeys()).isEmpty();
    assertThat(logLines()).singleElement().satisfies(line -> {
      assertThat(line.path("level").asText()).isEqualTo("error");
      assertThat(line.path("message").asText()).contains("AccessDeniedException");
      assertThat(line.path("action").asText()).isEqualTo("denying every request");
    });

    secret.heal().put(AWSCURRENT, SECRET);
    clock.advance(Duration.ofMillis(RotatingKeySource.FIRST_RETRY_MILLIS));
    assertThat(thumbprints(source.currentKeys())).containsExactly(thumbprint(SECRET));
  }

  @Test
  void backsOffBetweenFailedAttempts() {
    secret.fail("unreachable");
    RotatingKeySource source = start(TTL);
    int afterInit = secret.calls();

    source.currentKeys();
    source.currentKeys();
    assertThat(secret.calls()).as("within the first backoff").isEqualTo(afterInit);

    clock.advance(Duration.ofSeconds(1));
    source.currentKeys();
    assertThat(secret.calls()).isEqualTo(afterInit + 1);

    clock.advance(Duration.ofSeconds(1));
    source.currentKeys();
    assertThat(secret.calls()).as("the backoff doubled to 2 s").isEqualTo(afterInit + 1);
    clock.advance(Duration.ofSeconds(1));
    source.currentKeys();
    assertThat(secret.calls()).isEqualTo(afterInit + 2);
  }

  @Test
  void logsAFailureAtMostOncePerMinute() {
    secret.fail("unreachable");
    RotatingKeySource source = start(TTL);
    for (int second = 0; second < 59; second += 2) {
      clock.advance(Duration.ofSeconds(2));
      source.currentKeys();
    }
    assertThat(logLines()).hasSize(1);

    clock.advance(Duration.ofMinutes(1));
    source.currentKeys();
    assertThat(logLines()).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "short-key", "{\"password\":\"tokengate-test-only-secret-never-use-in-production\"}"})
  void refusesAnUnusableCurrentValue(String value) {
    secret.put(AWSCURRENT, value);

    assertThat(start(TTL).currentKeys()).isEmpty();
    assertThat(logLines()).singleElement()
        .satisfies(line -> assertThat(line.path("event").asText()).isEqualTo("key_fetch_failed"));
  }

  @Test
  void refusesASecretWithoutCurrentVersion() {
    assertThat(start(TTL).currentKeys()).isEmpty();
    assertThat(logLines().get(0).path("message").asText()).contains("no AWSCURRENT version");
  }

  @Test
  void ignoresAnUnusablePreviousValueButUsesTheCurrentOne() {
    secret.put(AWSCURRENT, SECRET).put(AWSPREVIOUS, "short-key");

    assertThat(thumbprints(start(TTL).currentKeys())).containsExactly(thumbprint(SECRET));
    assertThat(logLines()).singleElement().satisfies(line -> {
      assertThat(line.path("level").asText()).isEqualTo("warn");
      assertThat(line.path("previousIgnored").asText()).contains("AWSPREVIOUS").contains("9 bytes");
    });
  }

  @Test
  void refreshesOnAnUnknownKidAtMostEveryThirtySeconds() {
    secret.put(AWSCURRENT, SECRET);
    RotatingKeySource source = start(TTL);
    secret.put(AWSCURRENT, THIRD_SECRET).put(AWSPREVIOUS, SECRET);

    assertThat(source.keysForUnknownKid()).as("fetched a moment ago at init").hasSize(1);
    clock.advance(Duration.ofSeconds(RotatingKeySource.UNKNOWN_KID_REFRESH_SECONDS));
    assertThat(thumbprints(source.keysForUnknownKid())).containsExactly(thumbprint(THIRD_SECRET), thumbprint(SECRET));

    int calls = secret.calls();
    clock.advance(Duration.ofSeconds(29));
    source.keysForUnknownKid();
    assertThat(secret.calls()).isEqualTo(calls);
  }

  @Test
  void refreshesRightAfterASnapshotRestoreEvenWhileBackingOff() {
    secret.fail("unreachable");
    RotatingKeySource source = start(TTL);
    secret.heal().put(AWSCURRENT, SECRET);

    source.afterRestore(null);

    assertThat(thumbprints(source.currentKeys())).containsExactly(thumbprint(SECRET));
  }

  @Test
  void neverServesKeysFromAnOldSnapshotWithoutFetchingAgain() {
    secret.put(AWSCURRENT, SECRET);
    RotatingKeySource source = start(TTL);
    secret.put(AWSCURRENT, THIRD_SECRET);

    clock.advance(Duration.ofDays(3));

    assertThat(thumbprints(source.currentKeys())).containsExactly(thumbprint(THIRD_SECRET));
  }

  @Test
  void countsKeysAsOldWhenTheClockWentBackwards() {
    secret.put(AWSCURRENT, SECRET);
    RotatingKeySource source = start(TTL);
    secret.put(AWSCURRENT, THIRD_SECRET);

    clock.advance(Duration.ofMinutes(-10));

    assertThat(thumbprints(source.currentKeys())).containsExactly(thumbprint(THIRD_SECRET));
  }

  @Test
  void turnsAnUnexpectedExceptionIntoAFailureInsteadOfThrowing() {
    secret.put(AWSCURRENT, SECRET);
    RotatingKeySource source = start(TTL);
    secret.throwUnexpected();
    clock.advance(Duration.ofMinutes(16));

    assertThat(source.currentKeys()).isEmpty();
    assertThat(logLines()).last()
        .satisfies(line -> assertThat(line.path("message").asText()).contains("IllegalStateException"));
  }

  @Test
  void neverLogsAKey() {
    secret.put(AWSCURRENT, SECRET).put(AWSPREVIOUS, "short-but-secret");
    start(TTL);
    secret.put(AWSCURRENT, "{\"jwtSecret\":\"tiny\"}");
    clock.advance(Duration.ofDays(1));
    start(TTL).currentKeys();

    assertThat(logBytes.toString(StandardCharsets.UTF_8))
        .isNotEmpty().doesNotContain(SECRET).doesNotContain("short-but-secret").doesNotContain("tiny");
  }

  private RotatingKeySource start(Duration ttl) {
    return RotatingKeySource.start(secret, new SecretValue(json), ttl, clock, background::add, log);
  }

  private void runBackground() {
    while (!background.isEmpty()) {
      background.remove(0).run();
    }
  }

  private List<JsonNode> logLines() {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : logBytes.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        try {
          lines.add(json.readTree(line));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return lines;
  }

  private static List<String> thumbprints(List<HmacKey> keys) {
    return keys.stream().map(HmacKey::thumbprint).toList();
  }

  private static String thumbprint(String secret) {
    return KeyThumbprint.of(secret.getBytes(StandardCharsets.UTF_8));
  }

  /** Secrets Manager as the key source sees it: values per stage, or a failure. */
  private static final class FakeFetcher implements SecretFetcher {

    final List<String> stages = new ArrayList<>();
    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile String failure;
    private volatile boolean unexpected;
    private volatile CountDownLatch fetching;
    private volatile CountDownLatch release;

    FakeFetcher put(String stage, String value) {
      values.put(stage, value);
      return this;
    }

    FakeFetcher fail(String message) {
      failure = message;
      return this;
    }

    FakeFetcher heal() {
      failure = null;
      unexpected = false;
      return this;
    }

    void throwUnexpected() {
      unexpected = true;
    }

    void blockNextFetch(CountDownLatch fetching, CountDownLatch release) {
      this.release = release;
      this.fetching = fetching;
    }

    int calls() {
      return calls.get();
    }

    @Override
    public Optional<String> fetch(String versionStage) throws SecretFetchException {
      calls.incrementAndGet();
      synchronized (stages) {
        stages.add(versionStage);
      }
      CountDownLatch started = fetching;
      if (started != null) {
        fetching = null;
        started.countDown();
        awaitRelease();
      }
      if (unexpected) {
        throw new IllegalStateException("a bug in the fetcher");
      }
      if (failure != null) {
        throw new SecretFetchException(failure);
      }
      return Optional.ofNullable(values.get(versionStage));
    }

    private void awaitRelease() {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
