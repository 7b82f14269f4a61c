package dev.tokengate.core.jws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Reads one JSON object into Jackson's tree model ({@link ObjectNode}) strictly: plain RFC 8259 JSON (no
 * comments, no NaN: Jackson's defaults), no duplicate member names, at most 32 levels deep, and nothing after the
 * object.
 *
 * <p>It builds the tree from Jackson's streaming parser instead of an {@code ObjectMapper}: the nodes are exactly
 * those {@code ObjectMapper.readTree} makes (ints as {@code IntNode}, {@code LongNode} or {@code BigIntegerNode}
 * by size, fractions as {@code DoubleNode}), but none of the mapper's machinery is loaded, which is most of a
 * cold start's class loading. Stateless and thread-safe.
 */
public final class StrictJson {

  static final int MAX_NESTING_DEPTH = 32;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
      .build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private StrictJson() {}

  /**
   * Reads one strict JSON object.
   *
   * @param json the text
   * @return the object, or empty when {@code json} is not exactly one strict JSON object
   */
  public static Optional<ObjectNode> readObject(String json) {
    try (JsonParser parser = FACTORY.createParser(json)) {
      return readObject(parser);
    } catch (IOException e) {
      // Jackson's parse errors (including the strictness checks and constraints) are IOExceptions.
      return Optional.empty();
    }
  }

  /**
   * Returns the object, or empty when {@code json} is not exactly one strict JSON object.
   *
   * @param json printable ASCII and JSON whitespace only: Jackson's byte parser guesses the encoding (from NUL
   *     bytes it could guess UTF-16 or UTF-32), lets overlong UTF-8 and encoded surrogates through, and may take a
   *     member name holding a {@code 0xFF} byte for a shorter one it has met; decode other text with a strict
   *     UTF-8 decoder and pass the string
   */
  static Optional<ObjectNode> readObject(byte[] json) {
    try (JsonParser parser = FACTORY.createParser(json)) {
      return readObject(parser);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<ObjectNode> readObject(JsonParser parser) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      return Optional.empty();
    }
    ObjectNode root = readContainer(parser, NODES.objectNode());
    return parser.nextToken() == null ? Optional.of(root) : Optional.empty();
  }

  /**
   * Reads the members of the container whose start token the parser is on, iteratively (an explicit stack, so
   * that no input can exhaust the thread's stack), and returns it when its end token has been read.
   */
  private static ObjectNode readContainer(JsonParser parser, ObjectNode root) throws IOException {
    Deque<ContainerNode<?>> open = new ArrayDeque<>();
    ContainerNode<?> current = root;
    while (true) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw new IOException("unexpected end of JSON");
      }
      String name = null;
      if (token == JsonToken.FIELD_NAME) {
        name = parser.currentName();
        token = parser.nextToken();
      }
      if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
        if (open.isEmpty()) {
          return root;
        }
        current = open.pop();
        continue;
      }
      JsonNode value;
      if (token == JsonToken.START_OBJECT) {
        value = NODES.objectNode();
      } else if (token == JsonToken.START_ARRAY) {
        value = NODES.arrayNode();
      } else {
        value = scalar(parser, token);
      }
      if (current instanceof ObjectNode object) {
        object.set(name, value);
      } else {
        ((ArrayNode) current).add(value);
      }
      if (value instanceof ContainerNode<?> container) {
        open.push(current);
        current = container;
      }
    }
  }

  /** The node {@code ObjectMapper.readTree} makes for a scalar token with default settings. */
  private static JsonNode scalar(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case VALUE_STRING:
        return NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        return switch (parser.getNumberType()) {
          case INT -> NODES.numberNode(parser.getIntValue());
          case LONG -> NODES.numberNode(parser.getLongValue());
          default -> NODES.numberNode(parser.getBigIntegerValue());
        };
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        // Embedded objects and the like exist only in binary formats, never in JSON text.
        throw new IOException("unexpected JSON token " + token);
    }
  }
}
