package dev.tokengate.core.jws;


import static dev.tokengate.testing.TestTokens.HS256_HEADER;
import static dev.tokengate.testing.TestTokens.b64;
import static dev.tokengate.testing.TestTokens.sign;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokengate.core.jws.StrictJws.Decoded;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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

  @Test
  void decodesForDisplayWhatParseReads() {
    String token = sign(HS256_HEADER, "{\"sub\":\"alice\",\"n\":123456789012345678901234567890}");

    Decoded decoded = StrictJws.decodeForDisplay(token);

    assertThat(decoded).isInstanceOfSatisfying(Decoded.Readable.class, readable -> {
      StrictJws.Parts parts = parser.parse(token).orElseThrow();
      assertThat(readable.header()).isEqualTo(parts.header());
      assertThat(readable.payload()).isEqualTo(parts.payload());
    });
  }

  @Test
  void displayedNodesCannotBeChangedByTheirReader() {
    Decoded.Readable readable = (Decoded.Readable) StrictJws.decodeForDisplay(sign(HS256_HEADER, "{\"sub\":\"a\"}"));

    readable.payload().put("sub", "mallory");

    assertThat(readable.payload().get("sub").textValue()).isEqualTo("a");
  }

  static Stream<Arguments> malformedTokens() {
    String header = b64(HS256_HEADER);
    String payload = b64("{}");
    return Stream.of(
        Arguments.of(null, "there is no token"),
        Arguments.of(tokenOfLength(StrictJws.MAX_TOKEN_LENGTH) + "A",
            "the token is longer than 8192 characters"),
        Arguments.of(header + "." + payload, "expected three dot-separated parts, found 2"),
        Arguments.of(header + "." + payload + "." + SIGNATURE + ".", "expected three dot-separated parts, found 4"),
        Arguments.of("nodots", "expected three dot-separated parts, found 1"),
        Arguments.of(headerSegmentOfLength(StrictJws.MAX_HEADER_LENGTH + 4) + "." + payload + "." + SIGNATURE,
            "the header is longer than 1024 characters"),
        Arguments.of("." + payload + "." + SIGNATURE, "the header is empty"),
        Arguments.of(header + "=." + payload + "." + SIGNATURE, "the header is not strict base64url"),
        // "e30" is "{}"; in "e31" the unused low bits of the last character are not zero.
        Arguments.of("e31." + payload + "." + SIGNATURE, "the header is not strict base64url"),
        Arguments.of(b64(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}) + "."
            + payload + "." + SIGNATURE, "the header is not UTF-8"),
        Arguments.of(b64("[]") + "." + payload + "." + SIGNATURE, "the header is not one JSON object"),
        Arguments.of(header + ".." + SIGNATURE, "the payload is empty"),
        Arguments.of(header + "." + payload + "+." + SIGNATURE, "the payload is not strict base64url"),
        Arguments.of(header + "." + b64(new byte[] {'{', 0, '}', 0}) + "." + SIGNATURE,
            "the payload is not one JSON object"),
        Arguments.of(header + "." + b64("{\"a\":1,\"a\":2}") + "." + SIGNATURE, "the payload is not one JSON object"),
        Arguments.of(header + "." + b64("{} {}") + "." + SIGNATURE, "the payload is not one JSON object"),
        Arguments.of(header + "." + b64("{\"sub\":\"\\ud800\"}") + "." + SIGNATURE,
            "the payload holds a lone surrogate escape, which is no Unicode text"),
        Arguments.of(header + "." + payload + ".", "the signature is empty"),
        Arguments.of(header + "." + payload + "." + SIGNATURE.substring(0, SIGNATURE.length() - 1) + "B",
            "the signature is not strict base64url"),
        Arguments.of(header + "." + payload + "." + "\u00e9" + SIGNATURE, "the signature is not strict base64url"));
  }

  @ParameterizedTest
  @MethodSource("malformedTokens")
  void saysWhichPartOfAMalformedTokenIsWrongAndWhy(String token, String problem) {
    assertThat(StrictJws.decodeForDisplay(token)).isEqualTo(new Decoded.Malformed(problem));
    assertThat(parser.parse(token)).isEmpty();
  }

  @Test
  void neverQuotesTheTokenInAProblem() {
    String escape = b64("{\"x\":\"\u001b]0;owned\u0007\"") + "." + b64("{}") + "." + SIGNATURE;

    assertThat(StrictJws.decodeForDisplay(escape)).isInstanceOfSatisfying(Decoded.Malformed.class,
        malformed -> assertThat(malformed.problem()).isEqualTo("the header is not one JSON object")
            .doesNotContain("owned").doesNotContain("\u001b"));
  }
}
