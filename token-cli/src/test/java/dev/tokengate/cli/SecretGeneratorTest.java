package dev.tokengate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretGeneratorTest {

  private final SecretGenerator generator = new SecretGenerator(new SecureRandom());

  @Test
  void writesSixtyFourBytesAsBase64UrlByDefault() {
    String secret = generator.generate(SecretGenerator.DEFAULT_BYTES, SecretGenerator.Encoding.BASE64URL);

    assertThat(secret).matches("[A-Za-z0-9_-]{86}");
    assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(64);
  }

  @Test
  void writesBase64AndHex() {
    assertThat(Base64.getDecoder().decode(generator.generate(48, SecretGenerator.Encoding.BASE64))).hasSize(48);
    assertThat(HexFormat.of().parseHex(generator.generate(32, SecretGenerator.Encoding.HEX))).hasSize(32);
  }

  @Test
  void neverRepeatsAKey() {
    assertThat(generator.generate(32, SecretGenerator.Encoding.HEX))
        .isNotEqualTo(generator.generate(32, SecretGenerator.Encoding.HEX));
  }

  @Test
  void refusesFewerThanThirtyTwoBytes() {
    assertThatThrownBy(() -> generator.generate(31, SecretGenerator.Encoding.HEX))
        .isInstanceOf(WeakKeyException.class)
        .hasMessageContaining("at least 32");
  }
}
