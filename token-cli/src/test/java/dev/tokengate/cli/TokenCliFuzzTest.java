package dev.tokengate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzz tests (Jazzer) of the parsers that read what users type: {@code --expires-in} durations and
 * {@code --claim} arguments. The property: a value, or an {@link IllegalArgumentException} (which token-cli
 * reports as a one-line usage error), never any other exception.
 *
 * <p>In the normal build each method runs once per file under {@code TokenCliFuzzTestInputs/<method>/}; with
 * {@code JAZZER_FUZZ=1} Jazzer fuzzes one method per JVM (the {@code fuzz} profile runs each in turn).
 */
class TokenCliFuzzTest {

  private static final Pattern ONE_UNIT = Pattern.compile("(\\d{1,9})([dhms])");

  @FuzzTest(maxDuration = "20s")
  @DictionaryEntries({"PT", "P", "D", "H", "M", "S", "d", "h", "m", "s", "-", ".5"})
  void durationIsWholeNonNegativeSecondsOrAUsageError(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    Duration duration;
    try {
      duration = DurationParser.parse(text);
    } catch (IllegalArgumentException expected) {
      // It echoes the argument as typed; ErrorReporter folds line breaks into one line at the boundary.
      assertThat(expected.getMessage()).isNotBlank();
      return;
    }
    assertThat(duration.isNegative()).isFalse();
    assertThat(duration.getNano()).isZero();
    Matcher single = ONE_UNIT.matcher(text);
    if (single.matches()) {
      long seconds = switch (single.group(2)) {
        case "d" -> 86_400L;
        case "h" -> 3_600L;
        case "m" -> 60L;
        default -> 1L;
      };
      assertThat(duration.getSeconds()).isEqualTo(Long.parseLong(single.group(1)) * seconds);
    }
  }

  @FuzzTest(maxDuration = "20s")
  @DictionaryEntries({"=", ":=", "true", "null", "[", "{\"k\":", "1e999", "9223372036854775808", "\"\\ud800\""})
  void claimIsNamedByWhatComesBeforeTheFirstEqualsSignOrAUsageError(byte[] input) {
    String argument = new String(input, StandardCharsets.UTF_8);
    Map.Entry<String, Object> claim;
    try {
      claim = ClaimParser.parse(argument);
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      return;
    }
    int equals = argument.indexOf('=');
    String before = argument.substring(0, equals);
    boolean typed = before.endsWith(":");
    assertThat(claim.getKey()).isNotEmpty().isEqualTo(typed ? before.substring(0, before.length() - 1) : before);
    if (!typed) {
      assertThat(claim.getValue()).isEqualTo(argument.substring(equals + 1));
    }
  }
}
