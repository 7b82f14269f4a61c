package dev.tokengate.localgateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokengate.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyCacheTest {

  private static final AuthorizerPolicy POLICY = new AuthorizerPolicy("user-1", List.of(), Map.of(), Optional.empty());

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final PolicyCache cache = new PolicyCache(clock, 3);

  @Test
  void reusesAPolicyForTheSameTokenUntilTheTtlRunsOut() {
    TokenAuthorizer authorizer = authorizer("Jwt", 300);
    cache.put(authorizer, "Bearer a.b.c", POLICY);

    clock.advance(Duration.ofSeconds(299));
    assertThat(cache.get(authorizer, "Bearer a.b.c")).contains(POLICY);
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.get(authorizer, "Bearer a.b.c")).isEmpty();
  }

  @Test
  void keepsNothingWhenTheTtlIsZero() {
    TokenAuthorizer authorizer = authorizer("Jwt", 0);
    cache.put(authorizer, "Bearer a.b.c", POLICY);

    assertThat(cache.get(authorizer, "Bearer a.b.c")).isEmpty();
    assertThat(cache.size()).isZero();
  }

  @Test
  void separatesTokensAndAuthorizers() {
    cache.put(authorizer("Jwt", 300), "Bearer a.b.c", POLICY);

    assertThat(cache.get(authorizer("Jwt", 300), "Bearer a.b.d")).isEmpty();
    assertThat(cache.get(authorizer("Other", 300), "Bearer a.b.c")).isEmpty();
  }

  @Test
  void staysWithinItsBoundDroppingExpiredEntriesFirst() {
    TokenAuthorizer shortLived = authorizer("Short", 10);
    TokenAuthorizer longLived = authorizer("Long", 300);
    cache.put(shortLived, "t1", POLICY);
    cache.put(shortLived, "t2", POLICY);
    cache.put(longLived, "t3", POLICY);
    clock.advance(Duration.ofSeconds(11));

    cache.put(longLived, "t4", POLICY);

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get(longLived, "t3")).contains(POLICY);
    assertThat(cache.get(longLived, "t4")).contains(POLICY);
  }

  private static TokenAuthorizer authorizer(String name, int ttlSeconds) {
    return new TokenAuthorizer(name, "AuthorizerFunction", "Authorization", Optional.empty(),
        Duration.ofSeconds(ttlSeconds));
  }
}
