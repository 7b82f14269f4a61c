package dev.tokengate.hello;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/** Writes the few JSON response bodies of {@link HelloHandler}, with Jackson doing all the escaping. */
final class JsonBodies {

  private static final JsonFactory FACTORY = new JsonFactory();

  /** Where API Gateway puts the authorizer's principal among the context values it forwards. */
  private static final String PRINCIPAL_KEY = "principalId";

  private JsonBodies() {}

  /** A bare JSON string, as the AWS console's default function answers: {@code "Hello from Lambda!"}. */
  static String string(String value) {
    return write(json -> json.writeString(value));
  }

  /** {@code {"message": "..."}}, the shape of API Gateway's own error bodies. */
  static String message(String message) {
    return write(json -> {
      json.writeStartObject();
      json.writeStringField("message", message);
      json.writeEndObject();
    });
  }

  /**
   * {@code {"principalId": "...", "context": {...}}} from API Gateway's {@code requestContext.authorizer} map,
   * which holds the principal beside the context values the authorizer returned. Keys are sorted so the
   * output is stable.
   */
  static String identity(Map<String, Object> authorizer) {
    Map<String, Object> context = new TreeMap<>(authorizer);
    Object principal = context.remove(PRINCIPAL_KEY);
    return write(json -> {
      json.writeStartObject();
      json.writeFieldName(PRINCIPAL_KEY);
      writeScalar(json, principal);
      json.writeObjectFieldStart("context");
      for (Map.Entry<String, Object> entry : context.entrySet()) {
        json.writeFieldName(entry.getKey());
        writeScalar(json, entry.getValue());
      }
      json.writeEndObject();
      json.writeEndObject();
    });
  }

  /** Authorizer context values are strings, numbers or booleans; anything else is shown as its text. */
  private static void writeScalar(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof Boolean bool) {
      json.writeBoolean(bool);
    } else if (value instanceof Number number) {
      json.writeNumber(number.toString());
    } else {
      json.writeString(value.toString());
    }
  }

  private static String write(JsonWriter body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      body.writeTo(json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: writing to a StringWriter", e);
    }
    return out.toString();
  }

  @FunctionalInterface
  private interface JsonWriter {
    void writeTo(JsonGenerator json) throws IOException;
  }
}
