package dev.tokengate.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders claims for people, one per line: the JSON value, and for {@code exp}, {@code nbf} and {@code iat} the
 * ISO date and how far it is from now beside the number. Names and values are the token's, so they pass through
 * {@link TerminalText}. Stateless.
 */
final class ClaimsText {

  /** Beyond this a date has more than four year digits and is certainly not a real expiry. */
  private static final long LAST_SECOND_OF_9999 = 253_402_300_799L;

  private ClaimsText() {}

  static List<String> lines(Map<String, Object> claims, Instant now) {
    int width = claims.keySet().stream().map(TerminalText::escape).mapToInt(String::length).max().orElse(0);
    List<String> lines = new ArrayList<>();
    claims.forEach((name, value) -> {
      String line = "  " + pad(TerminalText.escape(name), width) + "  " + TerminalText.escape(Json.compact(value));
      if (value instanceof Long seconds && isTime(name) && Math.abs(seconds) <= LAST_SECOND_OF_9999) {
        Instant time = Instant.ofEpochSecond(seconds);
        line += "  " + time + "  (" + relative(name, time, now) + ")";
      }
      lines.add(line);
    });
    return lines;
  }

  private static boolean isTime(String name) {
    return "exp".equals(name) || "nbf".equals(name) || "iat".equals(name);
  }

  private static String relative(String name, Instant time, Instant now) {
    return switch (name) {
      case "exp" -> TimeFormat.expiry(time, now);
      case "nbf" -> TimeFormat.validFrom(time, now);
      default -> TimeFormat.issued(time, now);
    };
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }
}
