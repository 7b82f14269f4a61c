package dev.tokengate.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations users type: {@code 90s}, {@code 15m}, {@code 1h}, {@code 7d}, combinations such as
 * {@code 1h30m}, and ISO-8601 ({@code PT1H}, {@code P7D}). A bare number is refused: {@code 3600} could mean
 * seconds or (as in some JavaScript libraries) milliseconds, and guessing wrong mints a token that lives 1000
 * times too long or short. Stateless and thread-safe.
 */
final class DurationParser {

  private static final Pattern UNITS = Pattern.compile("(?:(\\d{1,9})d)?(?:(\\d{1,9})h)?(?:(\\d{1,9})m)?(?:(\\d{1,9})s)?");
  private static final Pattern BARE_NUMBER = Pattern.compile("[+-]?\\d+");

  private DurationParser() {}

  /**
   * Parses a non-negative duration of whole seconds.
   *
   * @throws IllegalArgumentException with a one-line message saying what is accepted
   */
  static Duration parse(String text) {
    if (BARE_NUMBER.matcher(text).matches()) {
      throw new IllegalArgumentException("'" + text + "' has no unit: write " + text + "s, " + text + "m, "
          + text + "h or " + text + "d (a bare number is ambiguous)");
    }
    Duration duration = text.startsWith("P") || text.startsWith("p") ? iso(text) : units(text);
    if (duration.isNegative()) {
      throw new IllegalArgumentException("'" + text + "' is negative: durations count forward from now");
    }
    if (duration.getNano() != 0) {
      throw new IllegalArgumentException("'" + text + "' has a fraction of a second: JWT times are whole seconds");
    }
    return duration;
  }

  private static Duration units(String text) {
    Matcher matcher = UNITS.matcher(text);
    if (text.isEmpty() || !matcher.matches()) {
      throw invalid(text);
    }
    return Duration.ofDays(number(matcher.group(1)))
        .plusHours(number(matcher.group(2)))
        .plusMinutes(number(matcher.group(3)))
        .plusSeconds(number(matcher.group(4)));
  }

  private static Duration iso(String text) {
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid(text);
    }
  }

  private static long number(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("'" + text
        + "' is not a duration: use a number with a unit (90s, 15m, 1h, 7d, 1h30m) or ISO-8601 (PT1H)");
  }
}
