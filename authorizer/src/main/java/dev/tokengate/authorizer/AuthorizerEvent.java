package dev.tokengate.authorizer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tokengate.core.jws.StrictUtf8;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;

/**
 * The two fields of a TOKEN authorizer event that the authorizer reads, taken from the event JSON with Jackson's
 * streaming parser.
 *
 * <p>It reads what {@code ObjectMapper.readTree} followed by {@code event.get(field)} would: the whole first JSON
 * value must be well-formed, a top-level member counts only when its value is a string, the last of duplicate
 * members wins, and anything after the first value is not read. Unlike Jackson, it refuses any invalid UTF-8 in
 * the event, and any NUL byte: Jackson's byte parser would read such bytes as UTF-16 or UTF-32, lets overlong
 * forms and encoded surrogates through, and takes a member name
 * whose bytes are its padding ({@code 0xFF}) plus a name it has already met for that name ({@code "\xFFype"} read
 * as {@code "ype"}), so what an event means would depend on the events before it. API Gateway sends UTF-8.
 * Immutable and thread-safe.
 *
 * <p>The one reader of this event format: the handler and {@code token-cli authorize --event} both use it.
 *
 * @param type the {@code type} member ({@code TOKEN} for this authorizer), or null when absent or not a string
 * @param authorizationToken the {@code authorizationToken} member, or null when absent or not a string
 * @param methodArn the {@code methodArn} member, or null when absent or not a string
 */
public record AuthorizerEvent(String type, String authorizationToken, String methodArn) {

  /**
   * Reads an event and closes the stream.
   *
   * @param json the factory of the streaming parser
   * @param input the event's bytes
   * @return the members read
   * @throws IOException when the input is not well-formed UTF-8 JSON
   */
  public static AuthorizerEvent read(JsonFactory json, InputStream input) throws IOException {
    byte[] event;
    try (input) {
      event = input.readAllBytes();
    }
    if (!isUtf8Json(event)) {
      throw new CharacterCodingException();
    }
    String type = null;
    String authorizationToken = null;
    String methodArn = null;
    try (JsonParser parser = json.createParser(event)) {
      JsonToken root = parser.nextToken();
      if (root != JsonToken.START_OBJECT) {
        // Not an object: no member to read, but a malformed array is still a malformed event.
        parser.skipChildren();
        return new AuthorizerEvent(null, null, null);
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        String text = value == JsonToken.VALUE_STRING ? parser.getText() : null;
        if ("type".equals(name)) {
          type = text;
        } else if ("authorizationToken".equals(name)) {
          authorizationToken = text;
        } else if ("methodArn".equals(name)) {
          methodArn = text;
        }
        parser.skipChildren();
      }
    }
    return new AuthorizerEvent(type, authorizationToken, methodArn);
  }

  /**
   * Strict UTF-8 (no malformed sequence, overlong form or encoded surrogate) without a NUL byte, which no JSON text
   * holds and from which Jackson would guess UTF-16 or UTF-32. ASCII, the usual event, needs no decoder.
   */
  private static boolean isUtf8Json(byte[] bytes) {
    boolean ascii = true;
    for (byte b : bytes) {
      if (b == 0) {
        return false;
      }
      ascii &= b > 0;
    }
    return ascii || StrictUtf8.decode(bytes).isPresent();
  }
}
