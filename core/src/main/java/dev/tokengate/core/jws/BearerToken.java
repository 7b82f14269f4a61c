package dev.tokengate.core.jws;

import dev.tokengate.core.verify.TokenVerifier;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The token of an {@code Authorization: Bearer <compact JWS>} header value (RFC 6750 section 2.1).
 *
 * <p>The scheme is case-insensitive and followed by exactly one space and exactly one token: three non-empty
 * runs of base64url characters ({@code A-Z a-z 0-9 - _}) joined by two dots, and nothing else (no padding, no
 * whitespace, no second token). Whether the segments really are canonical base64url of a valid JWS is for the
 * {@link TokenVerifier} to decide. Immutable and thread-safe; {@link #toString()} never shows the token.
 *
 * @param compactJws the token, exactly as sent
 */
public record BearerToken(String compactJws) {

  private static final String SCHEME = "Bearer ";

  /**
   * Rejects null.
   *
   * @param compactJws the token, exactly as sent
   */
  public BearerToken {
    Objects.requireNonNull(compactJws, "compactJws");
  }

  /**
   * Extracts the token from an {@code Authorization} header value.
   *
   * @param headerValue the header value, possibly null
   * @return the token, or empty when the value is not {@code Bearer <compact JWS>} (API Gateway must answer 401)
   */
  public static Optional<BearerToken> parse(String headerValue) {
    if (headerValue == null
        || headerValue.length() <= SCHEME.length()
        || !headerValue.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return Optional.empty();
    }
    String token = headerValue.substring(SCHEME.length());
    return hasCompactShape(token) ? Optional.of(new BearerToken(token)) : Optional.empty();
  }

  /**
   * A hand-written scan instead of a regular expression: linear, and no backtracking on hostile input. It runs
   * over the ISO-8859-1 bytes (a character beyond that charset becomes {@code ?}, which is refused like any other
   * non-base64url character): one copy, then plain array reads, cheaper than a {@code charAt} call per character.
   */
  private static boolean hasCompactShape(String token) {
    int dots = 0;
    int segmentLength = 0;
    for (byte b : token.getBytes(StandardCharsets.ISO_8859_1)) {
      if (b == '.') {
        if (segmentLength == 0 || ++dots > 2) {
          return false;
        }
        segmentLength = 0;
      } else if (b >= 0 && Base64Url.isAlphabet((char) b)) {
        segmentLength++;
      } else {
        return false;
      }
    }
    return dots == 2 && segmentLength > 0;
  }

  /** Shows a fingerprint, never the token: records print their components, and tokens must not reach logs. */
  @Override
  public String toString() {
    return "BearerToken[fingerprint=" + TokenFingerprint.of(compactJws) + "]";
  }
}
