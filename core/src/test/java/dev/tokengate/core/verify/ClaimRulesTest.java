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

  /** Text nodes without a JSON round trip. */
  private static final class JsonNodeText {
    static JsonNode of(String text) {
      return JSON.getNodeFactory().textNode(text);
    }
  }
}
