package dev.tokengate.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The claims of an Allow as plain Java values, which token-cli prints and callers read. */
class JsonValuesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

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
