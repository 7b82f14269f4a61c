package dev.tokengate.core.jws;

import dev.tokengate.core.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A short, non-reversible name for a token in logs: the first 8 hex characters of the SHA-256 of its signature
 * segment (what follows the last dot), or of the whole value when that segment is missing or empty. Enough to
 * correlate log lines about one token, useless for replaying it.
 *
 * <p>The signature segment names a genuine token as well as the whole token does (it is the MAC of the rest) and
 * is about a quarter of it: hashing it costs one SHA-256 block instead of four on every request. A forged token
 * that reuses a genuine signature shares that token's fingerprint, which tells an investigator what was replayed.
 *
 * <p>An instance keeps one {@link MessageDigest} per thread that uses it, since looking one up per log line cost
 * as much as the hashing: build one where lines are written (the decision log does, at init) and reuse it.
 * Thread-safe.
 */
public final class TokenFingerprint {

  private static final HexFormat HEX = HexFormat.of();

  private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(Sha256::newDigest);

  /** A fingerprinter with no digest yet; each thread gets its own on first use. */
  public TokenFingerprint() {}

  /**
   * The fingerprint of a token, with this thread's digest.
   *
   * @param token any value, not null
   * @return 8 lowercase hex characters
   */
  public String fingerprint(String token) {
    return fingerprint(token, digests.get());
  }

  /**
   * The fingerprint of a token, with a digest of its own: for rare uses, such as {@code toString()}.
   *
   * @param token any value, not null
   * @return 8 lowercase hex characters, the same as {@link #fingerprint(String)} gives
   */
  public static String of(String token) {
    return fingerprint(token, Sha256.newDigest());
  }

  private static String fingerprint(String token, MessageDigest sha256) {
    int lastDot = token.lastIndexOf('.');
    String named = lastDot < 0 || lastDot == token.length() - 1 ? token : token.substring(lastDot + 1);
    // digest() resets the MessageDigest for the next use.
    byte[] digest = sha256.digest(named.getBytes(StandardCharsets.UTF_8));
    return HEX.formatHex(digest, 0, 4);
  }
}
