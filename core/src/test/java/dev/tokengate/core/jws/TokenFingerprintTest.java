package dev.tokengate.core.jws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TokenFingerprintTest {

  private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9"
      + ".3X3pJy0uqdE7B_ucSl8dJd-4C1m4gBfRUWyMGWNTN9o";

  @Test
  void isTheReadmeRecipeOverTheSignatureSegment() throws NoSuchAlgorithmException {
    String signature = TOKEN.substring(TOKEN.lastIndexOf('.') + 1);

    assertThat(TokenFingerprint.of(TOKEN)).isEqualTo(sha256Hex(signature).substring(0, 8));
  }

  @Test
  void namesAValueWithoutSignatureSegmentByAllOfIt() throws NoSuchAlgorithmException {
    assertThat(TokenFingerprint.of("Basic dXNlcjpwYXNz")).isEqualTo(sha256Hex("Basic dXNlcjpwYXNz").substring(0, 8));
    assertThat(TokenFingerprint.of("a.b.")).isEqualTo(sha256Hex("a.b.").substring(0, 8));
    assertThat(TokenFingerprint.of(".sig")).isEqualTo(sha256Hex("sig").substring(0, 8));
  }

  @Test
  void tellsTokensWithDifferentSignaturesApart() {
    String other = TOKEN.substring(0, TOKEN.length() - 2) + "8o";

    assertThat(TokenFingerprint.of(other)).isNotEqualTo(TokenFingerprint.of(TOKEN));
  }

  @Test
  void anInstanceGivesTheSameFingerprintAsTheOneOffDigestOnEveryThread() throws Exception {
    TokenFingerprint fingerprints = new TokenFingerprint();
    String expected = TokenFingerprint.of(TOKEN);

    assertThat(fingerprints.fingerprint(TOKEN)).isEqualTo(expected);
    assertThat(fingerprints.fingerprint(TOKEN)).isEqualTo(expected);
    assertThat(fingerprints.fingerprint("a.b.")).isEqualTo(sha256Hex("a.b.").substring(0, 8));
    String[] onAnotherThread = new String[1];
    Thread other = new Thread(() -> onAnotherThread[0] = fingerprints.fingerprint(TOKEN));
    other.start();
    other.join();
    assertThat(onAnotherThread[0]).isEqualTo(expected);
  }

  private static String sha256Hex(String text) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
