package dev.tokengate.authorizer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short, non-reversible name for a token in logs: the first 8 hex characters of its SHA-256. Enough to
 * correlate log lines about one token, useless for replaying it. Thread-safe: each thread reuses its own
 * {@link MessageDigest}, since looking one up per log line cost as much as the hashing.
 */
final class TokenFingerprint {

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(TokenFingerprint::sha256);
  private static final HexFormat HEX = HexFormat.of();

  private TokenFingerprint() {}

  static String of(String token) {
    // digest() resets the MessageDigest for the next use.
    byte[] digest = SHA256.get().digest(token.getBytes(StandardCharsets.UTF_8));
    return HEX.formatHex(digest, 0, 4);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
