package dev.tokengate.core.jws;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Strict UTF-8 decoding: unlike {@code new String(bytes, UTF_8)}, a malformed sequence, an overlong form or an
 * encoded surrogate is refused instead of replaced. Stateless and thread-safe.
 */
public final class StrictUtf8 {

  private StrictUtf8() {}

  /**
   * Decodes strict UTF-8.
   *
   * @param bytes the encoded text
   * @return the text, or empty when {@code bytes} are not well-formed UTF-8
   */
  public static Optional<String> decode(byte[] bytes) {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
