package dev.tokengate.authorizer.secrets;

import dev.tokengate.authorizer.DecisionLog;
import dev.tokengate.core.verify.HmacKey;
import dev.tokengate.core.verify.KeySource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * The keys of the Secrets Manager secret ({@code AWSCURRENT} and, during a rotation, {@code AWSPREVIOUS}),
 * cached for {@code JWT_SECRET_CACHE_SECONDS} and refreshed off the request path (docs/keys-and-rotation.md).
 *
 * <p>Ages are measured with the wall clock, not {@code System.nanoTime()}: keys fetched at init are frozen into
 * a SnapStart snapshot, and a snapshot restored days later must see them as old. The {@link #afterRestore}
 * hook refreshes right after a restore, so that the first request does not have to.
 *
 * <ul>
 *   <li>Fresh keys (younger than the TTL) are returned as they are: no call to Secrets Manager.</li>
 *   <li>Stale keys are still returned, and one refresh runs in the background.</li>
 *   <li>After a failed refresh, the last good keys are used until they are {@link #lastGoodKeysLifetime} old
 *       (the larger of the TTL and {@value #MIN_LAST_GOOD_KEYS_MINUTES} minutes); then, or when there never
 *       were keys (a failed init), the request tries a refresh itself and is denied if that fails too.</li>
 *   <li>Failed refreshes back off from {@value #FIRST_RETRY_MILLIS} ms to {@value #MAX_RETRY_SECONDS} s; an
 *       error line is logged at most once a minute.</li>
 *   <li>A token whose {@code kid} names no known key refreshes at once, at most every
 *       {@value #UNKNOWN_KID_REFRESH_SECONDS} s, in case a rotation just happened.</li>
 * </ul>
 *
 * <p>At most one refresh runs at a time, and no request ever waits for another one's refresh. Never throws.
 * Thread-safe.
 */
public final class RotatingKeySource implements KeySource, Resource {

  static final int MIN_LAST_GOOD_KEYS_MINUTES = 15;
  public static final long UNKNOWN_KID_REFRESH_SECONDS = 30;
  static final long FIRST_RETRY_MILLIS = 1000;
  static final long MAX_RETRY_SECONDS = 60;
  static final Duration ERROR_LOG_INTERVAL = Duration.ofMinutes(1);

  /** Keys from one successful fetch; never empty. */
  private record Loaded(List<HmacKey> keys, Instant fetchedAt) {}

  private final SecretFetcher fetcher;
  private final SecretValue values;
  private final Duration ttl;
  private final Duration lastGoodKeysLifetime;
  private final Clock clock;
  private final Executor background;
  private final DecisionLog log;

  /** Taken with tryLock only: a refresh that finds another one running just skips. */
  private final ReentrantLock refreshing = new ReentrantLock();
  private final AtomicBoolean backgroundQueued = new AtomicBoolean();

  private volatile Loaded loaded;
  private volatile Instant retryNotBefore = Instant.MIN;
  // Guarded by refreshing.
  private Instant lastAttempt = Instant.MIN;
  private Duration retryDelay = Duration.ofMillis(FIRST_RETRY_MILLIS);
  private Instant lastErrorLogged = Instant.MIN;
  // Also guarded by refreshing; volatile only so that its writes and reads need no reasoning about the lock.
  private volatile boolean failing;

  private RotatingKeySource(SecretFetcher fetcher, SecretValue values, Duration ttl, Clock clock,
      Executor background, DecisionLog log) {
    this.fetcher = fetcher;
    this.values = values;
    this.ttl = ttl;
    this.lastGoodKeysLifetime = max(ttl, Duration.ofMinutes(MIN_LAST_GOOD_KEYS_MINUTES));
    this.clock = clock;
    this.background = background;
    this.log = log;
  }

  /**
   * Fetches the keys once, then serves them. A failed first fetch does not throw (under SnapStart an init that
   * throws fails the deployment, e.g. while a new role's permissions propagate): it is logged and every request
   * is denied until a fetch succeeds.
   */
  static RotatingKeySource start(SecretFetcher fetcher, SecretValue values, Duration ttl, Clock clock,
      Executor background, DecisionLog log) {
    RotatingKeySource source = new RotatingKeySource(fetcher, values, ttl, clock, background, log);
    source.refreshIfDue(Duration.ZERO, true);
    Core.getGlobalContext().register(source);
    return source;
  }

  @Override
  public List<HmacKey> currentKeys() {
    Loaded current = loaded;
    Instant now = clock.instant();
    if (current != null && isYoungerThan(current, ttl, now)) {
      return current.keys();
    }
    if (current != null && isYoungerThan(current, lastGoodKeysLifetime, now)) {
      refreshInBackground();
      return current.keys();
    }
    refreshIfDue(Duration.ZERO, false);
    return usableKeys();
  }

  @Override
  public List<HmacKey> keysForUnknownKid() {
    refreshIfDue(Duration.ofSeconds(UNKNOWN_KID_REFRESH_SECONDS), false);
    return usableKeys();
  }

  /** Nothing to release: the keys stay in the snapshot (Lambda encrypts it) and are refreshed on restore. */
  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    // Intentionally empty.
  }

  /** A restored snapshot may be days old: fetch now, before the first request, ignoring any backoff. */
  @Override
  public void afterRestore(Context<? extends Resource> context) {
    refreshIfDue(Duration.ZERO, true);
  }

  private List<HmacKey> usableKeys() {
    Loaded current = loaded;
    return current != null && isYoungerThan(current, lastGoodKeysLifetime, clock.instant())
        ? current.keys() : List.of();
  }

  private void refreshInBackground() {
    if (clock.instant().isBefore(retryNotBefore) || !backgroundQueued.compareAndSet(false, true)) {
      return;
    }
    try {
      background.execute(() -> {
        backgroundQueued.set(false);
        refreshIfDue(Duration.ZERO, false);
      });
    } catch (RuntimeException e) {
      // A rejected task only postpones the refresh to a later request.
      backgroundQueued.set(false);
    }
  }

  /**
   * Fetches unless another refresh is running, the last attempt is more recent than {@code minInterval}, or
   * (unless {@code ignoreBackoff}) the backoff after a failure has not passed.
   */
  private void refreshIfDue(Duration minInterval, boolean ignoreBackoff) {
    if (!refreshing.tryLock()) {
      return;
    }
    try {
      Instant now = clock.instant();
      // Before the last attempt means the clock went backwards: then waiting makes no sense.
      boolean clockWentBack = now.isBefore(lastAttempt);
      boolean backingOff = !ignoreBackoff && now.isBefore(retryNotBefore) && !clockWentBack;
      if (backingOff || (now.isBefore(lastAttempt.plus(minInterval)) && !clockWentBack)) {
        return;
      }
      lastAttempt = now;
      refresh(now);
    } finally {
      refreshing.unlock();
    }
  }

  private void refresh(Instant now) {
    String previousIgnored = null;
    List<HmacKey> keys = new ArrayList<>(2);
    try {
      String current = fetcher.fetch(SecretFetcher.AWSCURRENT).orElseThrow(() -> new SecretFetchException(
          "the secret was not found or has no AWSCURRENT version: check JWT_SECRET_ARN"));
      keys.add(values.key(current, SecretFetcher.AWSCURRENT));
      Optional<String> previous = fetcher.fetch(SecretFetcher.AWSPREVIOUS);
      if (previous.isPresent()) {
        try {
          HmacKey previousKey = values.key(previous.get(), SecretFetcher.AWSPREVIOUS);
          if (!previousKey.thumbprint().equals(keys.get(0).thumbprint())) {
            keys.add(previousKey);
          }
        } catch (SecretFetchException e) {
          // A bad old value must not block the good new one: it is just not accepted.
          previousIgnored = e.getMessage();
        }
      }
    } catch (SecretFetchException | RuntimeException e) {
      failed(now, e instanceof SecretFetchException ? e.getMessage()
          : "unexpected " + e.getClass().getSimpleName() + " while fetching the key");
      return;
    }
    succeeded(now, List.copyOf(keys), previousIgnored);
  }

  private void succeeded(Instant now, List<HmacKey> keys, String previousIgnored) {
    Loaded before = loaded;
    loaded = new Loaded(keys, now);
    retryDelay = Duration.ofMillis(FIRST_RETRY_MILLIS);
    retryNotBefore = Instant.MIN;
    if (failing || before == null || !thumbprints(before.keys()).equals(thumbprints(keys))) {
      log.keysLoaded(thumbprints(keys), previousIgnored);
    }
    failing = false;
  }

  private void failed(Instant now, String message) {
    failing = true;
    retryNotBefore = now.plus(retryDelay);
    retryDelay = min(retryDelay.multipliedBy(2), Duration.ofSeconds(MAX_RETRY_SECONDS));
    if (!now.isBefore(lastErrorLogged.plus(ERROR_LOG_INTERVAL))) {
      lastErrorLogged = now;
      Loaded current = loaded;
      log.keysUnavailable(message, current != null && isYoungerThan(current, lastGoodKeysLifetime, now));
    }
  }

  /** A clock that went backwards (a restored snapshot on another host) makes keys count as old, never young. */
  private static boolean isYoungerThan(Loaded keys, Duration age, Instant now) {
    return !now.isBefore(keys.fetchedAt()) && now.isBefore(keys.fetchedAt().plus(age));
  }

  private static List<String> thumbprints(List<HmacKey> keys) {
    return keys.stream().map(HmacKey::thumbprint).toList();
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
