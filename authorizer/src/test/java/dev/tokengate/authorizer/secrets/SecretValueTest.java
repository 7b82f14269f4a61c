package dev.tokengate.authorizer.secrets;

import static dev.tokengate.authorizer.secrets.SecretFetcher.AWSCURRENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokengate.core.verify.HmacKey;
import dev.tokengate.core.verify.KeyThumbprint;
import dev.tokengate.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretValueTest {

  private final SecretValue values = new SecretValue(new ObjectMapper());

  @Test
  void usesAPlainValueAsItsExactUtf8BytesNeverTrimmed() throws Exception {
    String stored = "  key with spaces and ümlauts, 32 bytes or more \n";

    assertThat(values.key(stored, AWSCURRENT).thumbprint())
        .isEqualTo(KeyThumbprint.of(stored.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsTheKeyFromTheJwtSecretMemberOfAJsonValue() throws Exception {
    String stored = "{\"username\":\"ignored\",\"jwtSecret\":\"" + TestTokens.SECRET + "\"}";

    assertThat(values.key(stored, AWSCURRENT).thumbprint()).isEqualTo(HmacKey.fromSecret(TestTokens.SECRET).thumbprint());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''                                            | value is empty",
      "'0123456789012345678901234567890'             | has 31 bytes, HS256 needs at least 32",
      "'{\"jwtSecret\":\"\"}'                        | value is empty",
      "'{\"jwtSecret\":\"too-short-in-json\"}'       | has 17 bytes",
      "0123456789abcdef0123456789abcde               | has 31 bytes",
      "'{\"jwtSecret\":42}'                          | without a string \"jwtSecret\" member",
      "'{\"password\":\"x\"}'                        | without a string \"jwtSecret\" member",
      "'{jwtSecret: tokengate-test-only-secret-never}' | is not valid JSON"})
  void refusesAnUnusableValueSayingWhyWithoutQuotingIt(String stored, String why) {
    assertThatThrownBy(() -> values.key(stored, AWSCURRENT))
        .isInstanceOf(SecretFetchException.class)
        .hasMessageContaining(AWSCURRENT).hasMessageContaining(why)
        .satisfies(e -> assertThat(stored.isEmpty() || !e.getMessage().contains(stored)).isTrue());
  }

  @ParameterizedTest
  @ValueSource(strings = {"tokengate-test-only-secret-never-use-in-production", "0123456789abcdef0123456789abcdef",
      "{\"jwtSecret\":\"0123456789abcdef0123456789abcdef\"}"})
  void acceptsAKeyOfAtLeast32Bytes(String stored) throws Exception {
    assertThat(values.key(stored, AWSCURRENT)).isNotNull();
  }
}
