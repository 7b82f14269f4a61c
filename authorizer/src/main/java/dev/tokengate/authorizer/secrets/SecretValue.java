package dev.tokengate.authorizer.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokengate.core.config.AuthorizerConfig;
import dev.tokengate.core.verify.HmacKey;
import java.nio.charset.StandardCharsets;

/**
 * Turns the string stored in the secret into an HS256 key. Two forms are accepted:
 * <ul>
 *   <li>a plain string: its UTF-8 bytes, exactly as stored (never trimmed), are the key; this is what the
 *       template's generated secret holds;</li>
 *   <li>a JSON object whose {@value #JSON_FIELD} member is that string, for teams that keep several values in
 *       one secret. A value whose first character is <code>{</code> is always read as JSON.</li>
 * </ul>
 *
 * <p>An empty value, a key under {@value AuthorizerConfig#MIN_SECRET_BYTES} bytes, or JSON without a string
 * {@value #JSON_FIELD} is refused. Thread-safe.
 */
final class SecretValue {

  /** The member of a JSON secret that holds the key. */
  static final String JSON_FIELD = "jwtSecret";

  private final ObjectMapper json;

  SecretValue(ObjectMapper json) {
    this.json = json;
  }

  /**
   * The key a stored value holds.
   *
   * @param value the secret string, exactly as stored
   * @param versionStage the stage it came from, for the message
   * @return the key
   * @throws SecretFetchException when the value is not a usable key; the message never contains the value
   */
  HmacKey key(String value, String versionStage) throws SecretFetchException {
    String secret = value.startsWith("{") ? jsonField(value, versionStage) : value;
    int length = secret.getBytes(StandardCharsets.UTF_8).length;
    if (length == 0) {
      throw new SecretFetchException("the secret's " + versionStage + " value is empty: put the key as its value");
    }
    if (length < AuthorizerConfig.MIN_SECRET_BYTES) {
      throw new SecretFetchException("the key in the secret's " + versionStage + " value has " + length
          + " bytes, HS256 needs at least " + AuthorizerConfig.MIN_SECRET_BYTES
          + ": put a longer one (token-cli secret generates one)");
    }
    return HmacKey.fromSecret(secret);
  }

  private String jsonField(String value, String versionStage) throws SecretFetchException {
    JsonNode field;
    try {
      field = json.readTree(value).get(JSON_FIELD);
    } catch (JsonProcessingException e) {
      // The parser's message may quote the value: say only what is wrong.
      throw new SecretFetchException("the secret's " + versionStage
          + " value starts with '{' but is not valid JSON: store the plain key, or {\"" + JSON_FIELD + "\":\"...\"}");
    }
    if (field == null || !field.isTextual()) {
      throw new SecretFetchException("the secret's " + versionStage + " value is JSON without a string \""
          + JSON_FIELD + "\" member: store the key there, or store the plain key");
    }
    return field.textValue();
  }
}
