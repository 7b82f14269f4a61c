package dev.tokengate.authorizer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;

/**
 * The two fields of a TOKEN authorizer event that the authorizer reads, taken from the event JSON with Jackson's
 * streaming parser.
 *
 * <p>It reads what {@code ObjectMapper.readTree} followed by {@code event.get(field)} would: the whole first JSON
 * value must be well-formed, a top-level member counts only when its value is a string, the last of duplicate
 * members wins, and anything after the first value is not read. Immutable and thread-safe.
 *
 * @param authorizationToken the {@code authorizationToken} member, or null when absent or not a string
 * @param methodArn the {@code methodArn} member, or null when absent or not a string
 */
record AuthorizerEvent(String authorizationToken, String methodArn) {

  /**
   * Reads an event and closes the stream.
   *
   * @throws IOException when the input is not well-formed JSON
   */
  static AuthorizerEvent read(JsonFactory json, InputStream input) throws IOException {
    String authorizationToken = null;
    String methodArn = null;
    try (JsonParser parser = json.createParser(input)) {
      JsonToken root = parser.nextToken();
      if (root != JsonToken.START_OBJECT) {
        // Not an object: no member to read, but a malformed array is still a malformed event.
        parser.skipChildren();
        return new AuthorizerEvent(null, null);
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        String text = value == JsonToken.VALUE_STRING ? parser.getText() : null;
        if ("authorizationToken".equals(name)) {
          authorizationToken = text;
        } else if ("methodArn".equals(name)) {
          methodArn = text;
        }
        parser.skipChildren();
      }
    }
    return new AuthorizerEvent(authorizationToken, methodArn);
  }
}
