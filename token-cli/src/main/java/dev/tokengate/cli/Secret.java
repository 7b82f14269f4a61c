package dev.tokengate.cli;

import dev.tokengate.core.config.AuthorizerConfig;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An HS256 secret as the authorizer uses it: the key is the exact UTF-8 bytes of the text, never trimmed.
 * {@link #toString()} never shows it. Immutable and thread-safe.
 */
final class Secret {

  private final String text;

  Secret(String text) {
    this.text = Objects.requireNonNull(text, "text");
  }

  /** The secret as the authorizer's {@code JWT_SECRET} would hold it. */
  String text() {
    return text;
  }

  /** The HMAC key: the UTF-8 bytes of the text, as in the authorizer. */
  byte[] keyBytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Refuses a key shorter than the authorizer accepts.
   *
   * @throws WeakKeyException naming the length and how to get a strong key
   */
  Secret requireStrong() {
    int length = keyBytes().length;
    if (length < AuthorizerConfig.MIN_SECRET_BYTES) {
      throw new WeakKeyException("the secret has " + length + " bytes, HS256 needs at least "
          + AuthorizerConfig.MIN_SECRET_BYTES + " (the authorizer refuses shorter keys); generate a strong one"
          + " with: token-cli secret -o jwt-secret.txt");
    }
    return this;
  }

  @Override
  public String toString() {
    return "Secret[<redacted>]";
  }
}
