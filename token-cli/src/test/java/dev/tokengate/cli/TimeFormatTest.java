package dev.tokengate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeFormatTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  @Test
  void saysWhenATokenExpires() {
    assertThat(TimeFormat.expiry(NOW.plusSeconds(42 * 60 + 30), NOW)).isEqualTo("expires in 42 min");
    assertThat(TimeFormat.expiry(NOW.minusSeconds(3 * 3600 + 5), NOW)).isEqualTo("expired 3 h ago");
    assertThat(TimeFormat.expiry(NOW.plusSeconds(90), NOW)).isEqualTo("expires in 90 s");
    assertThat(TimeFormat.expiry(NOW.plusSeconds(7 * 86_400), NOW)).isEqualTo("expires in 7 d");
  }

  @Test
  void saysWhenATokenBecomesValidAndWasIssued() {
    assertThat(TimeFormat.validFrom(NOW.plusSeconds(300), NOW)).isEqualTo("not valid for another 5 min");
    assertThat(TimeFormat.validFrom(NOW.minusSeconds(7200), NOW)).isEqualTo("valid since 2 h ago");
    assertThat(TimeFormat.issued(NOW.minusSeconds(600), NOW)).isEqualTo("issued 10 min ago");
    assertThat(TimeFormat.issued(NOW.plusSeconds(600), NOW)).isEqualTo("issued in 10 min (in the future)");
  }
}
