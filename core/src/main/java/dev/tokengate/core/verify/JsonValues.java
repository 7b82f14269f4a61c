package dev.tokengate.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Turns parsed claims into plain Java values: all of them for {@link Verdict.Allowed#claims()}, and the
 * selected ones into what an API Gateway authorizer context accepts (strings, numbers, booleans).
 * Stateless and thread-safe.
 */
final class JsonValues {

  private JsonValues() {}

  /** Every member, in token order, as unmodifiable plain values. */
  static Map<String, Object> plainObject(JsonNode object) {
    Map<String, Object> members = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      members.put(member.getKey(), plain(member.getValue()));
    }
    return Collections.unmodifiableMap(members);
  }

  /**
   * The context for the named claims. Strings, numbers and booleans pass as they are; an array of those is
   * joined with spaces (the OAuth {@code scope} convention); objects, nulls and arrays holding anything else are
   * left out, because API Gateway accepts only flat values. A string that is not {@link PlainText plain text},
   * or an array holding one, is left out too: the backend reads context values as headers, log fields and
   * template variables, where a line break or a bidi override can forge or disguise what follows.
   */
  static Map<String, Object> context(JsonNode payload, List<String> names) {
    Map<String, Object> context = new LinkedHashMap<>();
    for (String name : names) {
      JsonNode value = payload.get(name);
      if (value == null) {
        continue;
      }
      if (value.isArray()) {
        joined(value).ifPresent(text -> context.put(name, text));
      } else {
        scalar(value).ifPresent(scalar -> context.put(name, scalar));
      }
    }
    return context;
  }

  private static Optional<String> joined(JsonNode array) {
    StringJoiner text = new StringJoiner(" ");
    for (JsonNode element : array) {
      Optional<Object> scalar = scalar(element);
      if (scalar.isEmpty()) {
        return Optional.empty();
      }
      text.add(String.valueOf(scalar.get()));
    }
    return Optional.of(text.toString());
  }

  private static Optional<Object> scalar(JsonNode value) {
    if (value.isTextual()) {
      return PlainText.isPlain(value.textValue()) ? Optional.of(value.textValue()) : Optional.empty();
    }
    if (value.isBoolean()) {
      return Optional.of(value.booleanValue());
    }
    if (value.isIntegralNumber()) {
      // A number beyond a long would lose digits in some reader; as text it keeps them.
      return Optional.of(value.canConvertToLong() ? (Object) value.longValue() : value.bigIntegerValue().toString());
    }
    if (value.isNumber() && Double.isFinite(value.doubleValue())) {
      return Optional.of(value.doubleValue());
    }
    return Optional.empty();
  }

  private static Object plain(JsonNode value) {
    if (value.isObject()) {
      return plainObject(value);
    }
    if (value.isArray()) {
      List<Object> elements = new ArrayList<>();
      for (JsonNode element : value) {
        elements.add(plain(element));
      }
      return Collections.unmodifiableList(elements);
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber()) {
      return value.canConvertToLong() ? (Object) value.longValue() : value.bigIntegerValue();
    }
    if (value.isNumber()) {
      return value.numberValue();
    }
    return null;
  }
}
