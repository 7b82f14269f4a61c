package dev.tokengate.authorizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Parses a compact JWS strictly into its header and payload JSON objects, its signing input and its signature.
 *
 * <p>java-jwt accepts padded and non-canonical base64url, decodes invalid UTF-8 to U+FFFD, lets a duplicate
 * member silently override the first one, and ignores data after the JSON object. Each of these lets two
 * different byte strings mean one token, or one token mean two things to two parsers; here each is malformed.
 * Stateless and thread-safe.
 */
final class StrictJws {

  /** Far above any real token, far below what could cost noticeable time or memory. */
  static final int MAX_TOKEN_LENGTH = 8192;
  /** A real header is well under 200 characters; a huge one is an attack on the parser. */
  static final int MAX_HEADER_LENGTH = 1024;

  /**
   * A structurally valid JWS.
   *
   * @param header the JOSE header
   * @param payload the claims set
   * @param signingInput the ASCII bytes the MAC is computed over: {@code <header>.<payload>} as sent
   * @param signature the decoded signature
   */
  record Parts(ObjectNode header, ObjectNode payload, byte[] signingInput, byte[] signature) {}

  private StrictJws() {}

  /** Returns the parts, or empty when the token is not a strict compact JWS of two JSON objects. */
  static Optional<Parts> parse(String token) {
    if (token == null || token.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    int firstDot = token.indexOf('.');
    int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
    if (firstDot < 0 || secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0
        || firstDot > MAX_HEADER_LENGTH) {
      return Optional.empty();
    }
    Optional<ObjectNode> header = jsonObject(token.substring(0, firstDot));
    Optional<ObjectNode> payload = jsonObject(token.substring(firstDot + 1, secondDot));
    Optional<byte[]> signature = Base64Url.decode(token.substring(secondDot + 1));
    if (header.isEmpty() || payload.isEmpty() || signature.isEmpty()) {
      return Optional.empty();
    }
    // Every character is base64url (checked above), so the ASCII bytes are the token's bytes.
    byte[] signingInput = token.substring(0, secondDot).getBytes(StandardCharsets.US_ASCII);
    return Optional.of(new Parts(header.get(), payload.get(), signingInput, signature.get()));
  }

  private static Optional<ObjectNode> jsonObject(String segment) {
    return Base64Url.decode(segment).flatMap(StrictJws::utf8).flatMap(StrictJws::singleObject);
  }

  /** Unlike {@code new String(bytes, UTF_8)}, refuses malformed input instead of replacing it. */
  private static Optional<String> utf8(byte[] bytes) {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static Optional<ObjectNode> singleObject(String json) {
    return StrictJson.readObject(json).filter(StrictJws::isWellFormedUnicode);
  }

  /**
   * JSON escapes can spell a lone surrogate ({@code "\ud800"}), which is no Unicode text: it could not be
   * written back as UTF-8 in a policy or log line.
   */
  private static boolean isWellFormedUnicode(JsonNode node) {
    if (node.isTextual()) {
      return isWellFormed(node.textValue());
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        if (!isWellFormedUnicode(element)) {
          return false;
        }
      }
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        if (!isWellFormed(member.getKey()) || !isWellFormedUnicode(member.getValue())) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isWellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
