package dev.tokengate.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The claims of an Allow as plain Java values, which token-cli prints and callers read. */
class JsonValuesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"alice", "a b", "\u00e9\u0430\u4e2d", "\ud83d\ude00", "\u200d", "\u2027\u202f\u2065\u206a\u061b\u061d",
      "\u200d\u2010"})
  void acceptsPrintableTextAsPlain(String text) {
    assertThat(JsonValues.isPlainText(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\r", "a\n", "\u0000", "\u001b", "\u001f", "\u007f", "\u0080", "\u009f", "\u2028", "\u2029",
      "\u061c", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
      "\u2069"})
  void refusesControlSeparatorAndBidiCharacters(String text) {
    assertThat(JsonValues.isPlainText("x" + text + "y")).isFalse();
  }

  @Test
  void leavesOutContextStringsAndArraysThatAreNotPlainText() throws IOException {
    Map<String, Object> context = JsonValues.context(
        JSON.readTree("{\"ok\":\"read\",\"lf\":\"a\\nb\",\"list\":[\"a\",\"\\u202e\"],\"n\":1}"),
        List.of("ok", "lf", "list", "n"));

    assertThat(context).containsExactly(Map.entry("ok", "read"), Map.entry("n", 1L));
  }

  @Test
  void turnsEveryJsonTypeIntoItsPlainJavaValueKeepingTheOrder() throws IOException {
    Map<String, Object> claims = JsonValues.plainObject(JSON.readTree("{\"s\":\"text\",\"t\":true,\"f\":false,"
        + "\"n\":42,\"big\":123456789012345678901234567890,\"d\":0.25,\"none\":null,"
        + "\"list\":[1,\"two\",[3],{\"four\":4}],\"obj\":{\"inner\":{\"deep\":\"yes\"}}}"));

    assertThat(claims.keySet()).containsExactly("s", "t", "f", "n", "big", "d", "none", "list", "obj");
    assertThat(claims).containsEntry("s", "text")
        .containsEntry("t", true)
        .containsEntry("f", false)
        .containsEntry("n", 42L)
        .containsEntry("big", new BigInteger("123456789012345678901234567890"))
        .containsEntry("d", 0.25)
        .containsEntry("list", List.of(1L, "two", List.of(3L), Map.of("four", 4L)))
        .containsEntry("obj", Map.of("inner", Map.of("deep", "yes")));
    assertThat(claims.get("none")).isNull();
  }
}
