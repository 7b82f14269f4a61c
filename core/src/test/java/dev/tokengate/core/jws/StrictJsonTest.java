package dev.tokengate.core.jws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link StrictJson} must read exactly what the strict {@code ObjectMapper} it replaced read: the same objects,
 * node for node and number type for number type, and nothing that mapper refused.
 */
class StrictJsonTest {

  /** The mapper the authorizer used before: the oracle. */
  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
          .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private static Optional<ObjectNode> oracle(String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{}", " {\"a\":1} ", "{\"sub\":\"alice\",\"exp\":4102444800,\"iat\":1767225600}",
      "{\"i\":2147483647,\"l\":2147483648,\"b\":9223372036854775808,\"n\":-9223372036854775809}",
      "{\"f\":1.5,\"e\":1e3,\"E\":-2.5E-3,\"z\":-0.0,\"big\":1e400,\"tiny\":1e-400}",
      "{\"t\":true,\"f\":false,\"n\":null,\"s\":\"\\u00e9\\ud83d\\ude00\\n\\\"\"}",
      "{\"a\":[1,[2,[3,{}]],{\"b\":[]}],\"c\":{\"d\":{\"e\":[null]}}}",
      "{\"aud\":[\"x\",\"y\"],\"scope\":[\"read\",\"write\"],\"roles\":[]}",
      "{\"a\":1,\"a\":2}", "{\"a\":{\"b\":1,\"b\":1}}", "{\"a\":1} {\"b\":2}", "{\"a\":1}}", "{\"a\":1",
      "[1]", "\"text\"", "1", "null", "", "   ", "{'a':1}", "{\"a\":NaN}", "{\"a\":01}", "{\"a\":1,}",
      "{\"a\":1} // comment", "/* c */ {\"a\":1}", "{\"a\":\"\u0001\"}", "{\"a\":+1}", "{\"a\":.5}"})
  void readsExactlyWhatTheStrictMapperRead(String json) {
    assertSameAsOracle(json);
  }

  @ParameterizedTest
  @ValueSource(ints = {31, 32, 33, 1000})
  void limitsNestingLikeTheStrictMapper(int depth) {
    assertSameAsOracle("{\"a\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}");
  }

  static Stream<String> randomJson() {
    Random random = new Random(20260301L);
    String[] atoms = {"{", "}", "[", "]", ",", ":", "\"a\"", "\"b\"", "1", "-2", "3.5", "1e9", "true", "null",
        "99999999999999999999", " ", "\"\\u00e9\""};
    return IntStream.range(0, 2000).mapToObj(i -> {
      StringBuilder json = new StringBuilder("{");
      int length = random.nextInt(12);
      for (int j = 0; j < length; j++) {
        json.append(atoms[random.nextInt(atoms.length)]);
      }
      return json.append(random.nextBoolean() ? "}" : "").toString();
    });
  }

  @ParameterizedTest
  @MethodSource("randomJson")
  void readsRandomTextLikeTheStrictMapper(String json) {
    assertSameAsOracle(json);
  }

  private static void assertSameAsOracle(String json) {
    Optional<ObjectNode> expected = oracle(json);
    Optional<ObjectNode> actual = StrictJson.readObject(json);
    assertThat(actual).isEqualTo(expected);
    expected.ifPresent(node -> assertSameNodeTypes(node, actual.orElseThrow()));
    if (json.chars().allMatch(c -> (c >= 0x20 && c <= 0x7E) || c == '\t' || c == '\n' || c == '\r')) {
      // The byte overload, which the verifier uses for printable ASCII, must read exactly the same.
      Optional<ObjectNode> fromBytes = StrictJson.readObject(json.getBytes(StandardCharsets.US_ASCII));
      assertThat(fromBytes).isEqualTo(expected);
      expected.ifPresent(node -> assertSameNodeTypes(node, fromBytes.orElseThrow()));
    }
  }

  /** JsonNode.equals compares values; the verifier also depends on the node classes (int, long, big, double). */
  private static void assertSameNodeTypes(JsonNode expected, JsonNode actual) {
    assertThat(actual.getClass()).isEqualTo(expected.getClass());
    if (expected.isObject()) {
      for (Map.Entry<String, JsonNode> member : expected.properties()) {
        assertSameNodeTypes(member.getValue(), actual.get(member.getKey()));
      }
    } else if (expected.isArray()) {
      Iterator<JsonNode> elements = actual.elements();
      expected.forEach(element -> assertSameNodeTypes(element, elements.next()));
    }
  }
}
