package dev.tokengate.cli;

import java.time.Duration;
import java.time.Instant;

/** Shows JWT times to people: ISO-8601 instants and "expires in 42 min" / "expired 3 h ago". Stateless. */
final class TimeFormat {

  private TimeFormat() {}

  /** A rough, readable length: seconds, minutes, hours or days, rounded down. */
  static String span(Duration duration) {
    long seconds = Math.abs(duration.getSeconds());
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 120 * 60) {
      return seconds / 60 + " min";
    }
    if (seconds < 48 * 3600) {
      return seconds / 3600 + " h";
    }
    return seconds / 86_400 + " d";
  }

  /** For {@code exp}: "expires in 42 min" or "expired 3 h ago". */
  static String expiry(Instant exp, Instant now) {
    Duration left = Duration.between(now, exp);
    return left.isNegative() ? "expired " + span(left) + " ago" : "expires in " + span(left);
  }

  /** For {@code nbf}: "valid in 5 min" or "valid since 2 h ago". */
  static String validFrom(Instant nbf, Instant now) {
    Duration until = Duration.between(now, nbf);
    return until.isNegative() ? "valid since " + span(until) + " ago" : "not valid for another " + span(until);
  }

  /** For {@code iat}: "issued 10 min ago" or "issued in 5 min (in the future)". */
  static String issued(Instant iat, Instant now) {
    Duration age = Duration.between(iat, now);
    return age.isNegative() ? "issued in " + span(age) + " (in the future)" : "issued " + span(age) + " ago";
  }
}
