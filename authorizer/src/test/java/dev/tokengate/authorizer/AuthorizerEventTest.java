package dev.tokengate.authorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link AuthorizerEvent} reads the two fields exactly as {@code readTree} plus {@code get(field)} did. */
class AuthorizerEventTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"TOKEN\",\"authorizationToken\":\"Bearer a.b.c\",\"methodArn\":\"arn:x\"}",
      "{\"authorizationToken\":\"first\",\"authorizationToken\":\"second\"}",
      "{\"authorizationToken\":\"text\",\"authorizationToken\":7}",
      "{\"authorizationToken\":{\"authorizationToken\":\"nested\"},\"methodArn\":[\"arn\"]}",
      "{\"requestContext\":{\"methodArn\":\"nested\"},\"x\":[1,{\"a\":[]}],\"methodArn\":null}",
      "{\"authorizationToken\":\"Bearer \\u0041\"} trailing garbage", "[1,2]", "\"text\"", "42", "", "  "})
  void readsWhatTheTreeModelRead(String json) throws IOException {
    JsonNode tree = MAPPER.readTree(json);
    AuthorizerEvent event = read(json);

    assertThat(event.authorizationToken()).isEqualTo(text(tree, "authorizationToken"));
    assertThat(event.methodArn()).isEqualTo(text(tree, "methodArn"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "{\"authorizationToken\":", "[1,", "{\"a\":{\"b\":}}", "{\"a\":1 \"b\":2}", "nul"})
  void rejectsMalformedJsonLikeTheTreeModel(String json) {
    assertThatThrownBy(() -> MAPPER.readTree(json)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> read(json)).isInstanceOf(IOException.class);
  }

  /**
   * A stray 0xFF, an overlong '/', an encoded surrogate (U+D800), each in a member name or a value; and
   * {"methodArn":"a"} in UTF-16LE, which Jackson alone would read.
   */
  @ParameterizedTest
  @ValueSource(strings = {"7b22ff79706522", "7b2274797065223a22ff227d", "7b22c0af223a2278227d",
      "7b2261223a22eda080227d", "7b0022006d006500740068006f006400410072006e0022003a002200610022007d00"})
  void refusesInvalidUtf8AnywhereInTheEvent(String hex) {
    byte[] bytes = HexFormat.of().parseHex(hex);

    assertThatThrownBy(() -> AuthorizerEvent.read(new JsonFactory(), new ByteArrayInputStream(bytes)))
        .isInstanceOf(IOException.class);
  }

  @Test
  void refusesAnInvalidMemberNameThatJacksonWouldTakeForANameItHasMet() throws IOException {
    JsonFactory factory = new JsonFactory();
    AuthorizerEvent.read(factory, new ByteArrayInputStream("{\"ype\":1}".getBytes(StandardCharsets.UTF_8)));
    // {"\xFFype":"TOKEN","methodArn":"arn"}: Jackson alone, with this factory, would read the name "ype".
    byte[] bytes = HexFormat.of().parseHex("7b22ff797065223a22544f4b454e222c226d6574686f6441726e223a2261726e227d");

    assertThatThrownBy(() -> AuthorizerEvent.read(factory, new ByteArrayInputStream(bytes)))
        .isInstanceOf(IOException.class);
  }

  @Test
  void readsUtf8BeyondAscii() throws IOException {
    AuthorizerEvent event = read("{\"authorizationToken\":\"Bearer Zo\u00eb\",\"m\u00e9thodArn\":1}");

    assertThat(event.authorizationToken()).isEqualTo("Bearer Zo\u00eb");
  }

  private static AuthorizerEvent read(String json) throws IOException {
    return AuthorizerEvent.read(new JsonFactory(), new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static String text(JsonNode event, String field) {
    JsonNode value = event == null ? null : event.get(field);
    return value != null && value.isTextual() ? value.textValue() : null;
  }
}
