package dev.tokengate.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The CLI's JSON: strict reading (a duplicate member or trailing data is an error, as in the authorizer) into
 * the plain values java-jwt signs (String, Long, Double, Boolean, null, List, Map), and compact or pretty
 * writing. Stateless and thread-safe.
 */
final class Json {

  private static final ObjectMapper MAPPER = JsonMapper.builder(
          JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /** {@code "key": value}, as jq and most tools print JSON. */
  private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
      .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));

  private Json() {}

  /**
   * Parses one JSON value.
   *
   * @throws IllegalArgumentException when the text is not exactly one JSON value, or holds a number java-jwt
   *     cannot sign (an integer beyond 64 bits); the message says what is wrong and where, never quoting the text
   */
  static Object parse(String text) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON" + where(e.getLocation()) + ": " + problem(e));
    }
    if (node == null || node.isMissingNode()) {
      throw new IllegalArgumentException("invalid JSON: no value");
    }
    return plain(node, Json::signableNumber);
  }

  /**
   * The plain values of a parsed object, for showing: an integer beyond 64 bits becomes a {@code BigInteger}
   * instead of an error, since a token may hold one that the authorizer accepts.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> displayObject(ObjectNode object) {
    return (Map<String, Object>) plain(object, Json::anyNumber);
  }

  /**
   * Parses a JSON object.
   *
   * @throws IllegalArgumentException when the text is not exactly one JSON object
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> parseObject(String text) {
    Object value = parse(text);
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException("expected a JSON object ({...})");
    }
    return (Map<String, Object>) value;
  }

  private static String where(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /**
   * What is wrong, in words of our own: Jackson's messages quote the input (an unexpected token, a member name),
   * and a mistyped path may name a file that holds a secret.
   */
  private static String problem(JsonProcessingException e) {
    if (e instanceof JsonEOFException) {
      return "the text ends inside a value";
    }
    if (e instanceof MismatchedInputException) {
      return "more than one value (trailing data after the first)";
    }
    String message = e.getOriginalMessage();
    if (message != null && message.startsWith("Duplicate field")) {
      return "a member name appears twice in one object";
    }
    return "not a JSON value (strings need double quotes; true, false and null are lower case)";
  }

  /** One line, no spaces. */
  static String compact(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plain values always serialize", e);
    }
  }

  /** Indented, for people. */
  static String pretty(Object value) {
    try {
      return MAPPER.writer(PRETTY).writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plain values always serialize", e);
    }
  }

  private static Object plain(JsonNode node, Function<JsonNode, Object> number) {
    if (node.isObject()) {
      Map<String, Object> members = new LinkedHashMap<>();
      node.properties().forEach(member -> members.put(member.getKey(), plain(member.getValue(), number)));
      return members;
    }
    if (node.isArray()) {
      List<Object> elements = new ArrayList<>();
      node.forEach(element -> elements.add(plain(element, number)));
      return elements;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNull()) {
      return null;
    }
    return number.apply(node);
  }

  /** java-jwt signs Long and Double, not BigInteger or BigDecimal. */
  private static Object signableNumber(JsonNode node) {
    if (node.isIntegralNumber()) {
      if (!node.canConvertToLong()) {
        throw new IllegalArgumentException("an integer does not fit in 64 bits");
      }
      return node.longValue();
    }
    double value = node.doubleValue();
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("a number is too large for a 64-bit floating-point value");
    }
    return value;
  }

  /** Long where it fits, as for signing, and otherwise the exact value. */
  private static Object anyNumber(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    return node.doubleValue();
  }
}
