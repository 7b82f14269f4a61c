package dev.tokengate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TokenInputTest {

  private static final String TOKEN = "aGVhZGVy.cGF5bG9hZA.c2ln";
  private static final InputStream NO_STDIN = new ByteArrayInputStream(new byte[0]);

  @ParameterizedTest
  @ValueSource(strings = {TOKEN, "Bearer " + TOKEN, "bearer " + TOKEN, "Authorization: Bearer " + TOKEN,
      "  " + TOKEN + "\n"})
  void acceptsABareTokenOrAHeader(String argument) {
    assertThat(TokenInput.read(argument, NO_STDIN)).isEqualTo(TOKEN);
  }

  @Test
  void readsStdinForADash() {
    InputStream stdin = new ByteArrayInputStream(("Bearer " + TOKEN + "\n").getBytes(StandardCharsets.UTF_8));
    assertThat(TokenInput.read("-", stdin)).isEqualTo(TOKEN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "Bearer "})
  void rejectsAnEmptyToken(String argument) {
    assertThatThrownBy(() -> TokenInput.read(argument, NO_STDIN))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("empty token");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "a.b", "a.b.c.d", "a..c", "a.b.c=", "a b.c.d", "a.b+.c"})
  void rejectsAMalformedTokenWithoutEchoingIt(String argument) {
    assertThatThrownBy(() -> TokenInput.read(argument, NO_STDIN))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("malformed token")
        .hasMessageNotContaining(argument);
  }
}
