package dev.tokengate.core.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Sha256Test {

  /** FIPS 180-2, appendix B.1: the SHA-256 of "abc". */
  private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void hashesTheFipsExample() {
    assertThat(HexFormat.of().formatHex(Sha256.hash("abc".getBytes(US_ASCII)))).isEqualTo(ABC);
  }

  @Test
  void givesAFreshDigestEachTime() {
    assertThat(Sha256.newDigest()).isNotSameAs(Sha256.newDigest());
    assertThat(HexFormat.of().formatHex(Sha256.newDigest().digest("abc".getBytes(US_ASCII)))).isEqualTo(ABC);
  }
}
