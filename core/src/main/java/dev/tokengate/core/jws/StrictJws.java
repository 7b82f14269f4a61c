package dev.tokengate.core.jws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Parses a compact JWS strictly into its header and payload JSON objects, its signing input and its signature.
 *
 * <p>java-jwt accepts padded and non-canonical base64url, decodes invalid UTF-8 to U+FFFD, lets a duplicate
 * member silently override the first one, and ignores data after the JSON object. Each of these lets two
 * different byte strings mean one token, or one token mean two things to two parsers; here each is malformed.
 * Thread-safe; an instance keeps only the last header it parsed (see {@link #header}), nothing per caller, so
 * build one per verifier and reuse it.
 */
public final class StrictJws {

  /** Far above any real token, far below what could cost noticeable time or memory. */
  public static final int MAX_TOKEN_LENGTH = 8192;
  /** A real header is well under 200 characters; a huge one is an attack on the parser. */
  public static final int MAX_HEADER_LENGTH = 1024;

  /**
   * A structurally valid JWS.
   *
   * @param header the JOSE header
   * @param payload the claims set
   * @param signingInput the ASCII bytes the MAC is computed over: {@code <header>.<payload>} as sent
   * @param signature the decoded signature
   */
  public record Parts(ObjectNode header, ObjectNode payload, byte[] signingInput, byte[] signature) {}

  /** A token decoded for display by {@link #decodeForDisplay}: readable, or malformed and why. */
  public sealed interface Decoded permits Decoded.Readable, Decoded.Malformed {

    /**
     * What the token says, exactly as {@link #parse} reads it; nothing is verified. The nodes are copies, so
     * that no caller can change what another sees.
     *
     * @param header the JOSE header
     * @param payload the claims set
     */
    record Readable(ObjectNode header, ObjectNode payload) implements Decoded {

      /**
       * Keeps copies of the nodes.
       *
       * @param header the JOSE header
       * @param payload the claims set
       */
      public Readable {
        header = header.deepCopy();
        payload = payload.deepCopy();
      }

      /** {@return a copy of the JOSE header} */
      @Override
      public ObjectNode header() {
        return header.deepCopy();
      }

      /** {@return a copy of the claims set} */
      @Override
      public ObjectNode payload() {
        return payload.deepCopy();
      }
    }

    /**
     * Why the token is not a strict compact JWS.
     *
     * @param problem one short sentence naming the part and the rule, e.g. "the payload is not one JSON object";
     *     it never quotes the token
     */
    record Malformed(String problem) implements Decoded {}
  }

  /** Shared by all threads using this parser; a volatile read per token, and a race only costs one extra parse. */
  private volatile ParsedHeader lastHeader;

  /**
   * Parses one token.
   *
   * @param token the compact JWS; any value, including null
   * @return the parts, or empty when the token is not a strict compact JWS of two JSON objects
   */
  public Optional<Parts> parse(String token) {
    if (token == null || token.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    int firstDot = token.indexOf('.');
    int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
    if (firstDot < 0 || secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0
        || firstDot > MAX_HEADER_LENGTH) {
      return Optional.empty();
    }
    // One copy of the token as bytes for every step below. A character beyond ISO-8859-1 becomes '?', which no
    // base64url segment holds, so such a token stays malformed.
    byte[] text = token.getBytes(StandardCharsets.ISO_8859_1);
    Optional<ObjectNode> header = header(text, firstDot);
    Optional<ObjectNode> payload = jsonObject(text, firstDot + 1, secondDot);
    Optional<byte[]> signature = Base64Url.decode(text, secondDot + 1, text.length);
    if (header.isEmpty() || payload.isEmpty() || signature.isEmpty()) {
      return Optional.empty();
    }
    // Every byte is base64url (checked above), so these are the token's ASCII bytes.
    byte[] signingInput = Arrays.copyOf(text, secondDot);
    return Optional.of(new Parts(header.get(), payload.get(), signingInput, signature.get()));
  }

  /**
   * Decodes a token for display, without verifying anything, by the rules of {@link #parse}: the result is
   * {@link Decoded.Readable} exactly when {@code parse} gives parts, with the same header and payload. Slower than
   * {@code parse} (it finds which rule failed) and without its header cache: for tools, not for requests.
   * Stateless and thread-safe.
   *
   * @param token the compact JWS; any value, including null
   * @return the header and payload, or the first problem found, in token order
   */
  public static Decoded decodeForDisplay(String token) {
    if (token == null) {
      return new Decoded.Malformed("there is no token");
    }
    if (token.length() > MAX_TOKEN_LENGTH) {
      return new Decoded.Malformed("the token is longer than " + MAX_TOKEN_LENGTH + " characters");
    }
    int parts = 1;
    for (int i = token.indexOf('.'); i >= 0; i = token.indexOf('.', i + 1)) {
      parts++;
    }
    if (parts != 3) {
      return new Decoded.Malformed("expected three dot-separated parts, found " + parts);
    }
    int firstDot = token.indexOf('.');
    int secondDot = token.indexOf('.', firstDot + 1);
    if (firstDot > MAX_HEADER_LENGTH) {
      return new Decoded.Malformed("the header is longer than " + MAX_HEADER_LENGTH + " characters");
    }
    byte[] text = token.getBytes(StandardCharsets.ISO_8859_1);
    Segment header = Segment.of(text, 0, firstDot);
    if (header.problem() != null) {
      return new Decoded.Malformed("the header " + header.problem());
    }
    Segment payload = Segment.of(text, firstDot + 1, secondDot);
    if (payload.problem() != null) {
      return new Decoded.Malformed("the payload " + payload.problem());
    }
    if (secondDot + 1 == text.length) {
      return new Decoded.Malformed("the signature is empty");
    }
    if (Base64Url.decode(text, secondDot + 1, text.length).isEmpty()) {
      return new Decoded.Malformed("the signature is not strict base64url");
    }
    return new Decoded.Readable(header.object(), payload.object());
  }

  /** A header or payload segment read for display: its object, or what is wrong with it. */
  private record Segment(ObjectNode object, String problem) {

    static Segment of(byte[] text, int from, int to) {
      if (from == to) {
        return new Segment(null, "is empty");
      }
      Optional<byte[]> decoded = Base64Url.decode(text, from, to);
      if (decoded.isEmpty()) {
        return new Segment(null, "is not strict base64url");
      }
      // The verdict is the parser's own; the checks after it only name the rule that refused the segment.
      Optional<ObjectNode> object = jsonObject(decoded.get());
      if (object.isPresent()) {
        return new Segment(object.get(), null);
      }
      Optional<String> json = StrictUtf8.decode(decoded.get());
      if (json.isEmpty()) {
        return new Segment(null, "is not UTF-8");
      }
      if (StrictJson.readObject(json.get()).isEmpty()) {
        return new Segment(null, "is not one JSON object");
      }
      return new Segment(null, "holds a lone surrogate escape, which is no Unicode text");
    }
  }

  /**
   * The header, parsed once per distinct header segment in a row: every token of an issuer carries the same
   * header, so the last one is kept. Equal segment bytes parse to an equal header, which nobody modifies.
   */
  private Optional<ObjectNode> header(byte[] text, int end) {
    ParsedHeader last = lastHeader;
    if (last != null && Arrays.equals(last.segment(), 0, last.segment().length, text, 0, end)) {
      return Optional.of(last.header());
    }
    Optional<ObjectNode> header = jsonObject(text, 0, end);
    header.ifPresent(parsed -> lastHeader = new ParsedHeader(Arrays.copyOf(text, end), parsed));
    return header;
  }

  /** A header segment and its JSON object, both never modified. */
  private record ParsedHeader(byte[] segment, ObjectNode header) {}

  private static Optional<ObjectNode> jsonObject(byte[] text, int from, int to) {
    Optional<byte[]> decoded = Base64Url.decode(text, from, to);
    if (decoded.isEmpty()) {
      return Optional.empty();
    }
    return jsonObject(decoded.get());
  }

  /** One strict JSON object of well-formed Unicode text, read from a decoded segment. */
  private static Optional<ObjectNode> jsonObject(byte[] json) {
    return switch (PlainText.of(json)) {
      // Printable ASCII has no invalid UTF-8, and without a backslash no escape can spell a lone surrogate.
      case PRINTABLE_ASCII -> StrictJson.readObject(json);
      case PRINTABLE_ASCII_WITH_ESCAPES -> StrictJson.readObject(json).filter(StrictJws::isWellFormedUnicode);
      case OTHER -> StrictUtf8.decode(json).flatMap(StrictJws::singleObject);
    };
  }

  /**
   * What a decoded segment holds. Most tokens are printable ASCII (plus JSON whitespace), which needs neither a
   * UTF-8 decoder nor, without escapes, a walk over the strings.
   */
  private enum PlainText {
    PRINTABLE_ASCII, PRINTABLE_ASCII_WITH_ESCAPES, OTHER;

    static PlainText of(byte[] json) {
      PlainText kind = PRINTABLE_ASCII;
      for (byte b : json) {
        if (b == '\\') {
          kind = PRINTABLE_ASCII_WITH_ESCAPES;
        } else if ((b < 0x20 || b > 0x7E) && b != '\t' && b != '\n' && b != '\r') {
          // Non-ASCII and control bytes take the strict UTF-8 path: they are rare, and Jackson's byte parser
          // would guess UTF-16 or UTF-32 from NUL bytes where the text parser reports them as malformed.
          return OTHER;
        }
      }
      return kind;
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
