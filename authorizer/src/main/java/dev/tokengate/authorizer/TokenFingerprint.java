package dev.tokengate.authorizer;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A short, non-reversible name for a token in logs: the first 8 hex characters of its SHA-256. Enough to
 * correlate log lines about one token, useless for replaying it. Stateless and thread-safe.
 */
final class TokenFingerprint {

  private TokenFingerprint() {}

  static String of(String token) {
    byte[] digest = KeyThumbprint.sha256(token.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 4);
  }
}
