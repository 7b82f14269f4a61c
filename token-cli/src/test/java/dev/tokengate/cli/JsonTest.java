package dev.tokengate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void readsPlainValues() {
    assertThat(Json.parse("{\"a\":[1,2.5,true,null,\"x\"]}"))
        .isEqualTo(Map.of("a", Arrays.asList(1L, 2.5, true, null, "x")));
  }

  @Test
  void saysWhereAndWhatIsWrongWithoutQuotingTheText() {
    assertThatThrownBy(() -> Json.parse("{\n  \"k\": s3cr3tvalue}"))
        .hasMessage("invalid JSON at line 2, column 8: not a JSON value (strings need double quotes; true, false"
            + " and null are lower case)");
    assertThatThrownBy(() -> Json.parse("{\"s3cr3tname\":1,\"s3cr3tname\":2}"))
        .hasMessageStartingWith("invalid JSON at line 1, column ")
        .hasMessageEndingWith(": a member name appears twice in one object");
    assertThatThrownBy(() -> Json.parse("1 [\"s3cr3t\"]"))
        .hasMessageEndingWith(": more than one value (trailing data after the first)");
    assertThatThrownBy(() -> Json.parse("[\"s3cr3t"))
        .hasMessageEndingWith(": the text ends inside a value");
    for (String text : List.of("{\n  \"k\": s3cr3tvalue}", "{\"s3cr3tname\":1,\"s3cr3tname\":2}", "1 [\"s3cr3t\"]",
        "[\"s3cr3t", "s3cr3t", "'s3cr3t'", "{\"a\":1}s3cr3t")) {
      assertThatThrownBy(() -> Json.parse(text)).hasMessageNotContaining("s3cr3t").hasMessageNotContaining("\n");
    }
  }

  @Test
  void refusesNumbersJavaJwtCannotSignWithoutQuotingThem() {
    assertThatThrownBy(() -> Json.parse("918273645546372819918273645546372819"))
        .hasMessage("an integer does not fit in 64 bits");
    assertThatThrownBy(() -> Json.parse("9e99999")).hasMessage("a number is too large for a 64-bit floating-point value");
  }

  @Test
  void refusesAnythingButAnObjectWhereClaimsGo() {
    assertThatThrownBy(() -> Json.parseObject("[1]")).hasMessage("expected a JSON object ({...})");
  }
}
