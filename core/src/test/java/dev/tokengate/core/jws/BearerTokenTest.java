package dev.tokengate.core.jws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokengate.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BearerTokenTest {

  @ParameterizedTest
  @ValueSource(strings = {"Bearer", "bearer", "BEARER", "bEaReR"})
  void acceptsSchemeInAnyCase(String scheme) {
    assertThat(BearerToken.parse(scheme + " aa.bb.cc")).hasValue(new BearerToken("aa.bb.cc"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Bearer", "Bearer ", "Bearer  aa.bb.cc", "Bearer aa.bb.cc ", " Bearer aa.bb.cc",
      "Bearer aa.bb.cc dd.ee.ff", "Bearer aa.bb", "Bearer aa.bb.cc.dd", "Bearer aa..cc", "Bearer aa.bb.",
      "Bearer .bb.cc", "Bearer aa.bb.cc=", "Bearer aa.b+b.cc", "Bearer aa.b/b.cc", "Bearer aa.bb.c\u0000c",
      "Basic aa.bb.cc", "Bearer\taa.bb.cc", "Bearer\u00A0aa.bb.cc", "Bearer aa.bb.\u0441c"})
  void rejectsAnythingButOneSpaceAndOneCompactToken(String header) {
    assertThat(BearerToken.parse(header)).isEmpty();
  }

  @Test
  void rejectsNull() {
    assertThat(BearerToken.parse(null)).isEmpty();
  }

  @Test
  void neverPrintsTheToken() {
    String token = TestTokens.valid();

    assertThat(new BearerToken(token).toString()).doesNotContain(token).contains(TokenFingerprint.of(token));
  }
}
