package dev.tokengate.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Claim types and principals at their exact limits; TokenVerifierTest covers the verdicts around them. */
class ClaimRulesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode payload(String json) throws IOException {
    return (ObjectNode) JSON.readTree(json);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "253402300799", "0.0", "253402300799.0", "1.5"})
  void acceptsNumericDatesFromTheEpochToTheEndOfYear9999(String date) throws IOException {
    for (String claim : new String[] {"exp", "nbf", "iat"}) {
      assertThat(ClaimRules.checkTypes(payload("{\"" + claim + "\":" + date + "}"))).as(claim).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "253402300800", "-0.5", "253402300799.5", "1e400", "9223372036854775808"})
  void refusesNumericDatesOutsideTheEpochToTheEndOfYear9999(String date) throws IOException {
    for (String claim : new String[] {"exp", "nbf", "iat"}) {
      assertThat(ClaimRules.checkTypes(payload("{\"" + claim + "\":" + date + "}"))).as(claim)
          .contains(Reason.INVALID_CLAIM);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, ClaimRules.MAX_PRINCIPAL_LENGTH})
  void acceptsPrincipalsUpToTheMaximumLength(int length) {
    String principal = "a".repeat(length);

    assertThat(ClaimRules.principalText(JsonNodeText.of(principal))).contains(principal);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, ClaimRules.MAX_PRINCIPAL_LENGTH + 1})
  void refusesEmptyAndOverlongPrincipals(int length) {
    assertThat(ClaimRules.principalText(JsonNodeText.of("a".repeat(length)))).isEmpty();
  }

  @Test
  void acceptsANumericPrincipalOfExactlyTheMaximumLength() throws IOException {
    String digits = "1".repeat(ClaimRules.MAX_PRINCIPAL_LENGTH);

    assertThat(ClaimRules.principalText(JSON.readTree(digits))).contains(digits);
  }

  @ParameterizedTest
  @ValueSource(ints = {ClaimRules.MAX_PRINCIPAL_LENGTH + 1, 1000})
  void refusesNumericPrincipalsLongerThanTheMaximumLikeStrings(int digits) throws IOException {
    assertThat(ClaimRules.principalText(JSON.readTree("1".repeat(digits)))).isEmpty();
    assertThat(ClaimRules.principalText(JSON.readTree("-" + "1".repeat(digits - 1)))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice\r\nadmin", "alice\u0000", "\u001b[31malice", "alice\u0085", "alice\u2028x",
      "\u202eecila", "alice\u2066", "\u200falice", "alice\u061c"})
  void refusesPrincipalsWithControlOrBidiCharacters(String principal) {
    assertThat(ClaimRules.principalText(JsonNodeText.of(principal))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {ClaimRules.MIN_USAGE_IDENTIFIER_LENGTH, 40, ClaimRules.MAX_USAGE_IDENTIFIER_LENGTH})
  void acceptsUsageIdentifiersOfAsciiLettersAndDigitsFrom20To128Characters(int length) {
    String key = "aZ09".repeat(length).substring(0, length);

    assertThat(ClaimRules.usageIdentifierText(JsonNodeText.of(key))).contains(key);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, ClaimRules.MIN_USAGE_IDENTIFIER_LENGTH - 1, ClaimRules.MAX_USAGE_IDENTIFIER_LENGTH + 1,
      1000})
  void refusesUsageIdentifiersShorterThan20OrLongerThan128Characters(int length) {
    assertThat(ClaimRules.usageIdentifierText(JsonNodeText.of("k".repeat(length)))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"12345678901234567890123", "1.5e30", "true", "null", "[\"abcdefghij0123456789\"]",
      "{\"key\":\"abcdefghij0123456789\"}"})
  void refusesUsageIdentifiersThatAreNotJsonStrings(String json) throws IOException {
    assertThat(ClaimRules.usageIdentifierText(JSON.readTree(json))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"abcdefghij-0123456789", "abcdefghij_0123456789", "abcdefghij 0123456789",
      "abcdefghij+0123456789", "abcdefghij/0123456789", "abcdefghij=0123456789", "abcdefghij.0123456789",
      "abcdefghij\u00e90123456789", "abcdefghij\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663",
      "abcdefghij\uff10123456789", " abcdefghij0123456789", "abcdefghij0123456789\n"})
  void refusesUsageIdentifiersWithCharactersOtherThanAsciiLettersAndDigits(String key) {
    assertThat(ClaimRules.usageIdentifierText(JsonNodeText.of(key))).isEmpty();
  }

  @Test
  void refusesEveryCharacterThatIsNotPlainTextInAUsageIdentifier() {
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      if (PlainText.isNotPlain(c)) {
        String key = "abcdefghij" + c + "0123456789";
        assertThat(ClaimRules.usageIdentifierText(JsonNodeText.of(key))).as("U+%04X", (int) c).isEmpty();
      }
    }
  }

  /** Text nodes without a JSON round trip. */
  private static final class JsonNodeText {
    static JsonNode of(String text) {
      return JSON.getNodeFactory().textNode(text);
    }
  }
}
