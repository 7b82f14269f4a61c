package dev.tokengate.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokengate.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyThumbprintTest {

  @Test
  void computesRfc7638ThumbprintOfTheOctKey() {
    // Computed independently: base64url(sha256('{"k":"<base64url key>","kty":"oct"}')) with Python's hashlib.
    assertThat(KeyThumbprint.of(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("nmEAJFPVCRDFZQWCa03mxuQ7NnVYE1mjP3UnW4pHvWk");
  }

  @Test
  void hmacKeyCarriesThumbprintAndNeverPrintsTheSecret() {
    HmacKey key = HmacKey.fromSecret(TestTokens.SECRET);

    assertThat(key.thumbprint()).isEqualTo("nmEAJFPVCRDFZQWCa03mxuQ7NnVYE1mjP3UnW4pHvWk");
    assertThat(key.toString()).doesNotContain(TestTokens.SECRET).contains(key.thumbprint());
  }

  @Test
  void hmacKeyRefusesShortSecretWithoutEchoingIt() {
    String shortSecret = "your-secret-key";

    assertThatThrownBy(() -> HmacKey.fromSecret(shortSecret))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32").hasMessageNotContaining(shortSecret);
  }
}
