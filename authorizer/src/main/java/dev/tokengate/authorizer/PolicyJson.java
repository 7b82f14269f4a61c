package dev.tokengate.authorizer;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tokengate.core.policy.AuthorizerResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Writes an {@link AuthorizerResponse} as the JSON API Gateway receives, with Jackson's streaming generator.
 *
 * <p>The output is byte for byte what {@code ObjectMapper.writeValue} writes for the record (the tests compare
 * them): the same member order, {@code usageIdentifierKey} only when there is one, and each value written by the
 * same generator method. Going without the mapper saves it from being built and from introspecting the records at
 * cold start. Stateless and thread-safe.
 */
final class PolicyJson {

  private PolicyJson() {}

  /**
   * Writes one response.
   *
   * @throws IOException when the output cannot be written
   * @throws IllegalArgumentException when a context value is not a string, number, boolean or null
   */
  static void write(JsonGenerator out, AuthorizerResponse response) throws IOException {
    out.writeStartObject();
    out.writeStringField("principalId", response.principalId());
    out.writeFieldName("policyDocument");
    out.writeStartObject();
    out.writeStringField("Version", response.policyDocument().version());
    out.writeFieldName("Statement");
    out.writeStartArray();
    for (AuthorizerResponse.Statement statement : response.policyDocument().statement()) {
      out.writeStartObject();
      out.writeStringField("Action", statement.action());
      out.writeFieldName("Resource");
      out.writeStartArray();
      for (String resource : statement.resource()) {
        out.writeString(resource);
      }
      out.writeEndArray();
      out.writeStringField("Effect", statement.effect());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeEndObject();
    out.writeFieldName("context");
    out.writeStartObject();
    for (Map.Entry<String, Object> entry : response.context().entrySet()) {
      out.writeFieldName(entry.getKey());
      writeScalar(out, entry.getValue());
    }
    out.writeEndObject();
    if (response.usageIdentifierKey() != null) {
      out.writeStringField("usageIdentifierKey", response.usageIdentifierKey());
    }
    out.writeEndObject();
  }

  /** The generator method Jackson's serializer picks for each type API Gateway accepts in a context. */
  private static void writeScalar(JsonGenerator out, Object value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else if (value instanceof String text) {
      out.writeString(text);
    } else if (value instanceof Boolean bool) {
      out.writeBoolean(bool);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte) {
      out.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double number) {
      out.writeNumber(number);
    } else if (value instanceof Float number) {
      out.writeNumber(number);
    } else if (value instanceof BigInteger number) {
      out.writeNumber(number);
    } else if (value instanceof BigDecimal number) {
      out.writeNumber(number);
    } else {
      throw new IllegalArgumentException(
          "a policy context value must be a string, number or boolean, not " + value.getClass().getName());
    }
  }
}
