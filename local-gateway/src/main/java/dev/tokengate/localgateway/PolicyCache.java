package dev.tokengate.localgateway;

import dev.tokengate.core.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API Gateway's authorizer cache: a policy is reused for the same token (the identity header's value) and
 * authorizer until its TTL runs out, for every route. Keys hold a SHA-256 of the token, never the token.
 * Thread-safe.
 */
final class PolicyCache {

  private record Entry(AuthorizerPolicy policy, Instant expires) {}

  private final Clock clock;
  private final int maxEntries;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /** @param maxEntries a bound on memory: past it, expired entries go, and if that is not enough, all */
  PolicyCache(Clock clock, int maxEntries) {
    this.clock = clock;
    this.maxEntries = maxEntries;
  }

  Optional<AuthorizerPolicy> get(TokenAuthorizer authorizer, String token) {
    Entry entry = entries.get(key(authorizer, token));
    if (entry == null || !clock.instant().isBefore(entry.expires())) {
      return Optional.empty();
    }
    return Optional.of(entry.policy());
  }

  /** Keeps the policy for the authorizer's TTL; a TTL of zero means API Gateway's cache is off. */
  void put(TokenAuthorizer authorizer, String token, AuthorizerPolicy policy) {
    Duration ttl = authorizer.ttl();
    if (ttl.isZero()) {
      return;
    }
    if (entries.size() >= maxEntries) {
      Instant now = clock.instant();
      entries.values().removeIf(entry -> !now.isBefore(entry.expires()));
      if (entries.size() >= maxEntries) {
        entries.clear();
      }
    }
    entries.put(key(authorizer, token), new Entry(policy, clock.instant().plus(ttl)));
  }

  int size() {
    return entries.size();
  }

  private static String key(TokenAuthorizer authorizer, String token) {
    return authorizer.name() + ":" + HexFormat.of().formatHex(Sha256.hash(token.getBytes(StandardCharsets.UTF_8)));
  }
}
