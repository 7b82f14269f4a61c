package dev.tokengate.authorizer;

import static dev.tokengate.authorizer.TestTokens.HS256_HEADER;
import static dev.tokengate.authorizer.TestTokens.b64;
import static dev.tokengate.authorizer.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict structure checks at their exact limits; TokenVerifierTest covers what they mean for a verdict. */
class StrictJwsTest {

  private static final String SIGNATURE = b64(new byte[32]);

  /** A token of exactly {@code length} characters whose payload pads it out. */
  private static String tokenOfLength(int length) {
    String header = b64(HS256_HEADER);
    String empty = header + "." + b64("{\"p\":\"\"}") + "." + SIGNATURE;
    // Every 3 bytes of padding add 4 characters; lengths that are not reachable that way are not asked for.
    String payload = b64("{\"p\":\"" + "x".repeat((length - empty.length()) / 4 * 3) + "\"}");
    return header + "." + payload + "." + SIGNATURE;
  }

  /** A header segment of exactly {@code length} characters (length % 4 == 0). */
  private static String headerSegmentOfLength(int length) {
    String prefix = "{\"alg\":\"HS256\",\"p\":\"";
    return b64(prefix + "x".repeat(length / 4 * 3 - prefix.length() - 2) + "\"}");
  }

  @Test
  void acceptsATokenOfExactlyTheMaximumLengthAndNotOneCharacterMore() {
    String longest = tokenOfLength(StrictJws.MAX_TOKEN_LENGTH);
    assertThat(longest).hasSize(StrictJws.MAX_TOKEN_LENGTH);

    assertThat(StrictJws.parse(longest)).isPresent();
    assertThat(StrictJws.parse(longest + "A")).isEmpty();
  }

  @Test
  void acceptsAHeaderSegmentOfExactlyTheMaximumLengthAndNotMore() {
    String longest = headerSegmentOfLength(StrictJws.MAX_HEADER_LENGTH);
    String tooLong = headerSegmentOfLength(StrictJws.MAX_HEADER_LENGTH + 4);
    assertThat(longest).hasSize(StrictJws.MAX_HEADER_LENGTH);

    assertThat(StrictJws.parse(longest + "." + b64("{}") + "." + SIGNATURE)).isPresent();
    assertThat(StrictJws.parse(tooLong + "." + b64("{}") + "." + SIGNATURE)).isEmpty();
  }

  @Test
  void acceptsASurrogatePairWrittenAsJsonEscapes() {
    assertThat(StrictJws.parse(sign(HS256_HEADER, "{\"sub\":\"\\ud83d\\ude00 ok\"}"))).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"sub\":\"\\ud83dx\"}",
      "{\"sub\":\"x\\ude00\"}",
      "{\"sub\":\"\\ud83d\"}",
      "{\"scope\":[\"read\",\"\\udfff\"]}",
      "{\"\\ud800\":1}",
      "{\"profile\":{\"name\":\"\\udbff\"}}"})
  void refusesALoneSurrogateAnywhereInTheJson(String payload) {
    assertThat(StrictJws.parse(sign(HS256_HEADER, payload))).isEmpty();
  }
}
