package dev.tokengate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationParserTest {

  @ParameterizedTest
  @CsvSource({"90s,90", "15m,900", "1h,3600", "7d,604800", "1h30m,5400", "PT1H,3600", "P1D,86400", "0s,0"})
  void parsesUnitsAndIso8601(String text, long seconds) {
    assertThat(DurationParser.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest
  @ValueSource(strings = {"3600", "0", "-5"})
  void rejectsBareNumbersWithASuggestion(String text) {
    assertThatThrownBy(() -> DurationParser.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no unit")
        .hasMessageContaining(text + "s");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1x", "h", "1 h", "1.5h", "PTxH", "1s1h"})
  void rejectsWhatIsNotADuration(String text) {
    assertThatThrownBy(() -> DurationParser.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a duration");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT-1H", "PT0.5S"})
  void rejectsNegativeAndFractionalIsoDurations(String text) {
    assertThatThrownBy(() -> DurationParser.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
