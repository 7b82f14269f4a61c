package dev.tokengate.authorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

  private static AuthorizerEvent read(String json) throws IOException {
    return AuthorizerEvent.read(new JsonFactory(), new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static String text(JsonNode event, String field) {
    JsonNode value = event == null ? null : event.get(field);
    return value != null && value.isTextual() ? value.textValue() : null;
  }
}
