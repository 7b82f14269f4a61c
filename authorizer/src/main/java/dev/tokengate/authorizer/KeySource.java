package dev.tokengate.authorizer;

import java.util.List;
import java.util.Objects;

/**
 * Where the verifier gets its keys. A static source holds the one key from {@code JWT_SECRET}; a rotating
 * source (Secrets Manager) may hold the current and the previous key.
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
   * A source that always returns one key. With a single key the token's {@code kid} is ignored, so tokens from
   * other tools that set their own {@code kid} still verify.
   *
   * @param key the key
   * @return the source
   */
  static KeySource of(HmacKey key) {
    List<HmacKey> keys = List.of(Objects.requireNonNull(key, "key"));
    return () -> keys;
  }
}
