package dev.tokengate.localgateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AsciiTest {

  @Test
  void foldsAsciiLettersOnly() {
    assertThat(Ascii.equalsIgnoreCase("Authorization", "aUTHORIZATION")).isTrue();
    assertThat(Ascii.equalsIgnoreCase("X-Trace_1", "x-trace_1")).isTrue();
    assertThat(Ascii.equalsIgnoreCase("get", "GET")).isTrue();
  }

  @Test
  void tellsApartNamesThatOnlyUnicodeCaseMappingWouldEquate() {
    // U+212A KELVIN SIGN lower-cases to k; U+0131 DOTLESS I upper-cases to I.
    assertThat("\u212A".equalsIgnoreCase("k")).isTrue();
    assertThat(Ascii.equalsIgnoreCase("\u212Aey", "key")).isFalse();
    assertThat(Ascii.equalsIgnoreCase("L\u0131nk", "LINK")).isFalse();
    assertThat(Ascii.equalsIgnoreCase("Host", "Hosts")).isFalse();
  }
}
