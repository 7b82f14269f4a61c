package dev.tokengate.core.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256, the one hash tokengate uses (key thumbprints, log fingerprints, cache keys and stable IDs), looked up
 * in one place. Stateless and thread-safe.
 */
public final class Sha256 {

  private Sha256() {}

  /**
   * A new SHA-256 digest, for a caller that hashes often and keeps one per thread: looking one up costs about as
   * much as hashing a short input.
   *
   * @return a digest that is not thread-safe, like every {@link MessageDigest}
   */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  /**
   * Hashes bytes with a digest of its own.
   *
   * @param input the bytes to hash
   * @return the 32-byte SHA-256 of {@code input}
   */
  public static byte[] hash(byte[] input) {
    return newDigest().digest(input);
  }
}
