package dev.tokengate.core.verify;

import java.util.List;
import java.util.Objects;

/**
 * Where the verifier gets its keys. A static source holds the one key from {@code JWT_SECRET}; a rotating
 * source (Secrets Manager) holds the current and, during a rotation, the previous key.
 *
 * <p>Implementations must be thread-safe and fast on the request path (cache what they fetch). They must not
 * throw: when no key can be had, return an empty list and the verifier denies ({@link
 * Reason#KEY_UNAVAILABLE}).
 */
public interface KeySource {

  /**
   * The keys a token may be signed with, the preferred (current) key first.
   *
   * @return an unmodifiable list, empty when no key is available; never null
   */
  List<HmacKey> currentKeys();

  /**
   * Whether a token's {@code kid} selects among the keys. When it does, a {@code kid} naming a key by its
   * thumbprint selects that key alone, and a {@code kid} naming none of them makes a failed verification
   * {@link Reason#UNKNOWN_KEY}.
   *
   * @return true unless the source is the one static key, whose tokens may carry any {@code kid}
   */
  default boolean kidSelectsKey() {
    return true;
  }

  /**
   * The keys to try for a token whose {@code kid} names none of {@link #currentKeys()}. A rotating source may
   * refresh first (rate limited), in case the token was signed with a key that was rotated in a moment ago.
   *
   * @return as {@link #currentKeys()}
   */
  default List<HmacKey> keysForUnknownKid() {
    return currentKeys();
  }

  /**
   * A source that always returns one key. With a single static key the token's {@code kid} is ignored, so
   * tokens from other tools that set their own {@code kid} still verify.
   *
   * @param key the key
   * @return the source
   */
  static KeySource of(HmacKey key) {
    List<HmacKey> keys = List.of(Objects.requireNonNull(key, "key"));
    return new KeySource() {
      @Override
      public List<HmacKey> currentKeys() {
        return List.copyOf(keys); // the same immutable list, no copy: List.copyOf returns it as it is
      }

      @Override
      public boolean kidSelectsKey() {
        return false;
      }
    };
  }
}
