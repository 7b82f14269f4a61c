package dev.tokengate.core.jws;


import static dev.tokengate.testing.TestTokens.HS256_HEADER;
import static dev.tokengate.testing.TestTokens.b64;
import static dev.tokengate.testing.TestTokens.sign;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict structure checks at their exact limits; TokenVerifierTest covers what they mean for a verdict. */
class StrictJwsTest {

  private final StrictJws parser = new StrictJws();

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

    assertThat(parser.parse(longest)).isPresent();
    assertThat(parser.parse(longest + "A")).isEmpty();
  }

  @Test
  void acceptsAHeaderSegmentOfExactlyTheMaximumLengthAndNotMore() {
    String longest = headerSegmentOfLength(StrictJws.MAX_HEADER_LENGTH);
    String tooLong = headerSegmentOfLength(StrictJws.MAX_HEADER_LENGTH + 4);
    assertThat(longest).hasSize(StrictJws.MAX_HEADER_LENGTH);

    assertThat(parser.parse(longest + "." + b64("{}") + "." + SIGNATURE)).isPresent();
    assertThat(parser.parse(tooLong + "." + b64("{}") + "." + SIGNATURE)).isEmpty();
  }

  @Test
  void acceptsASurrogatePairWrittenAsJsonEscapes() {
    assertThat(parser.parse(sign(HS256_HEADER, "{\"sub\":\"\\ud83d\\ude00 ok\"}"))).isPresent();
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
    assertThat(parser.parse(sign(HS256_HEADER, payload))).isEmpty();
  }

  @Test
  void refusesBytesThatAreJsonOnlyWhenReadAsUtf16() {
    // "{}" in UTF-16LE; Jackson's byte parser would guess that encoding from the NUL bytes.
    byte[] utf16Object = {'{', 0, '}', 0};
    String token = b64(HS256_HEADER) + "." + b64(utf16Object) + "." + SIGNATURE;

    assertThat(parser.parse(token)).isEmpty();
    assertThat(parser.parse(b64(utf16Object) + "." + b64("{}") + "." + SIGNATURE)).isEmpty();
  }

  @Test
  void readsUtf8TextBeyondAscii() {
    String token = b64(HS256_HEADER) + "." + b64("{\"name\":\"Zo\u00eb \ud83d\ude00\"}".getBytes(UTF_8)) + "." + SIGNATURE;

    assertThat(parser.parse(token)).hasValueSatisfying(
        parts -> assertThat(parts.payload().get("name").textValue()).isEqualTo("Zo\u00eb \ud83d\ude00"));
  }

  @Test
  void neverServesOneTokensHeaderForAnother() {
    String alice = b64("{\"alg\":\"HS256\",\"kid\":\"alice\"}") + "." + b64("{}") + "." + SIGNATURE;
    String bob = b64("{\"alg\":\"HS256\",\"kid\":\"bob\"}") + "." + b64("{}") + "." + SIGNATURE;

    for (String token : new String[] {alice, bob, bob, alice, bob}) {
      String kid = token == alice ? "alice" : "bob";
      assertThat(parser.parse(token)).hasValueSatisfying(
          parts -> assertThat(parts.header().get("kid").textValue()).isEqualTo(kid));
    }
  }

  @Test
  void refusesAMalformedHeaderRightAfterAGoodOne() {
    String good = b64(HS256_HEADER) + "." + b64("{}") + "." + SIGNATURE;
    String badHeader = b64(HS256_HEADER + "x") + "." + b64("{}") + "." + SIGNATURE;

    assertThat(parser.parse(good)).isPresent();
    assertThat(parser.parse(badHeader)).isEmpty();
    assertThat(parser.parse(good)).isPresent();
  }
}
