package dev.tokengate.examples.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProtectedApiSettingsTest {

  @Test
  void defaultsToTheTokengateAuthorizerStackAndAFiveMinuteCache() {
    assertThat(settings(Map.of())).isEqualTo(new ProtectedApiSettings("tokengate-authorizer", 300));
  }

  @Test
  void readsStringsFromTheCommandLine() {
    assertThat(settings(Map.of("authorizerStack", "team-auth", "authorizerCacheTtlSeconds", "3600")))
        .isEqualTo(new ProtectedApiSettings("team-auth", 3600));
  }

  @Test
  void readsAWholeJsonNumberFromCdkJson() {
    assertThat(settings(Map.of("authorizerCacheTtlSeconds", 60.0)).cacheTtlSeconds()).isEqualTo(60);
    assertThat(settings(Map.of("authorizerCacheTtlSeconds", 0)).cacheTtlSeconds()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "3601", "1.5", "5m", "", "300 "})
  void refusesACacheTtlThatIsNotWholeSecondsFromZeroToAnHour(String ttl) {
    assertThatThrownBy(() -> settings(Map.of("authorizerCacheTtlSeconds", ttl)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("context authorizerCacheTtlSeconds must be a whole number of seconds from 0 (no caching) to"
            + " 3600, got '" + ttl + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1auth", "team_auth", "team auth", "team-auth\n"})
  void refusesAnAuthorizerStackThatIsNotAStackName(String stack) {
    assertThatThrownBy(() -> settings(Map.of("authorizerStack", stack)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("context authorizerStack must be a CloudFormation stack name (letters, digits and"
            + " hyphens, starting with a letter, at most 128 characters), got '");
  }

  @Test
  void acceptsAStackNameOfExactly128Characters() {
    String longest = "a" + "-".repeat(127);

    assertThat(settings(Map.of("authorizerStack", longest)).authorizerStack()).isEqualTo(longest);
    assertThatThrownBy(() -> settings(Map.of("authorizerStack", longest + "a")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ProtectedApiSettings settings(Map<String, Object> context) {
    return ProtectedApiSettings.fromContext(new HashMap<>(context)::get);
  }
}
