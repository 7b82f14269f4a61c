package dev.tokengate.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A time given either relative to now ({@code 5m}, {@code PT1H}) or absolutely as an ISO-8601 instant
 * ({@code 2026-01-01T00:00:00Z}), as {@code --not-before} takes it. Immutable.
 */
final class PointInTime {

  private final Instant instant;
  private final Duration fromNow;

  private PointInTime(Instant instant, Duration fromNow) {
    this.instant = instant;
    this.fromNow = fromNow;
  }

  /**
   * Parses an ISO-8601 instant or a duration (see {@link DurationParser}).
   *
   * @throws IllegalArgumentException with a one-line message saying what is accepted
   */
  static PointInTime parse(String text) {
    if (!text.isEmpty() && Character.isDigit(text.charAt(0)) && text.contains("T")) {
      try {
        return new PointInTime(Instant.parse(text), null);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 instant such as 2026-01-01T00:00:00Z");
      }
    }
    return new PointInTime(null, DurationParser.parse(text));
  }

  /** The instant, resolving a relative time against {@code now}. */
  Instant resolve(Instant now) {
    return instant != null ? instant : now.plus(fromNow);
  }
}
