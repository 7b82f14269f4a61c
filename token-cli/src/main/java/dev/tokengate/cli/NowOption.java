package dev.tokengate.cli;

import java.time.Clock;
import java.time.Instant;
import picocli.CommandLine.Option;

/** {@code --now}: fixes the clock, for reproducible examples and tests (a picocli mixin). */
final class NowOption {

  @Option(names = "--now", paramLabel = "INSTANT", converter = Converters.InstantConverter.class,
      description = "Use this time instead of the clock (ISO-8601, such as 2026-01-01T00:00:00Z).")
  private Instant now;

  /** The fixed time, or the clock's. */
  Instant now(Clock clock) {
    return now != null ? now : clock.instant();
  }
}
