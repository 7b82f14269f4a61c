package dev.tokengate.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokengate.core.config.AuthorizerConfig;
import dev.tokengate.testing.TestTokens;
import org.junit.jupiter.api.Test;

class HmacKeyTest {

  @Test
  void acceptsASecretOfExactly32Bytes() {
    String secret = "k".repeat(AuthorizerConfig.MIN_SECRET_BYTES);

    assertThat(HmacKey.fromSecret(secret).thumbprint()).isEqualTo(KeyThumbprint.of(secret.getBytes()));
  }

  @Test
  void refusesA31ByteSecretWithoutEchoingIt() {
    String secret = "s".repeat(AuthorizerConfig.MIN_SECRET_BYTES - 1);

    assertThatThrownBy(() -> HmacKey.fromSecret(secret))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 32 bytes")
        .hasMessageNotContaining(secret);
  }

  @Test
  void showsOnlyTheThumbprint() {
    HmacKey key = HmacKey.fromSecret(TestTokens.SECRET);

    assertThat(key.toString()).isEqualTo("HmacKey[thumbprint=" + key.thumbprint() + "]")
        .doesNotContain(TestTokens.SECRET);
  }
}
