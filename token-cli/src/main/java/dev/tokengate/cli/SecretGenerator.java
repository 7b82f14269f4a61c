package dev.tokengate.cli;

import dev.tokengate.core.config.AuthorizerConfig;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Generates HS256 secrets: random bytes from {@link SecureRandom}, written as text. The authorizer uses the
 * text's UTF-8 bytes as the key, so the key is longer than the random bytes while holding exactly their
 * entropy. Thread-safe.
 */
final class SecretGenerator {

  /** 512 bits: the block size of HMAC-SHA-256, beyond which longer keys are hashed down and add nothing. */
  static final int DEFAULT_BYTES = 64;
  /** Well above any use; keeps a typo from printing megabytes. */
  static final int MAX_BYTES = 1024;

  /** How the random bytes are written. */
  enum Encoding {
    BASE64URL, BASE64, HEX
  }

  private final SecureRandom random;

  SecretGenerator(SecureRandom random) {
    this.random = random;
  }

  /**
   * Generates a secret.
   *
   * @param bytes how many random bytes; at least {@value AuthorizerConfig#MIN_SECRET_BYTES}
   * @throws WeakKeyException when {@code bytes} is too small
   * @throws IllegalArgumentException when {@code bytes} is above {@value #MAX_BYTES}
   */
  String generate(int bytes, Encoding encoding) {
    if (bytes < AuthorizerConfig.MIN_SECRET_BYTES) {
      throw new WeakKeyException("--bytes " + bytes + " is too few: HS256 needs at least "
          + AuthorizerConfig.MIN_SECRET_BYTES + " random bytes (the default, " + DEFAULT_BYTES + ", is a good choice)");
    }
    if (bytes > MAX_BYTES) {
      throw new IllegalArgumentException("--bytes " + bytes + " is more than " + MAX_BYTES);
    }
    byte[] key = new byte[bytes];
    random.nextBytes(key);
    return switch (encoding) {
      case BASE64URL -> Base64.getUrlEncoder().withoutPadding().encodeToString(key);
      case BASE64 -> Base64.getEncoder().encodeToString(key);
      case HEX -> HexFormat.of().formatHex(key);
    };
  }
}
