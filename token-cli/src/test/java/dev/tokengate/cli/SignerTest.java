package dev.tokengate.cli;

import static dev.tokengate.cli.CliRun.METHOD_ARN;
import static dev.tokengate.cli.CliRun.NOW;
import static dev.tokengate.cli.CliRun.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokengate.authorizer.AuthorizerHandler;
import dev.tokengate.core.policy.AuthorizerResponse;
import dev.tokengate.core.verify.KeyThumbprint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignerTest {

  private static final AuthorizerHandler AUTHORIZER = new AuthorizerHandler(
      Map.of("JWT_SECRET", SECRET), Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC),
      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

  private static TokenRequest request(Map<String, Object> claims) {
    return new TokenRequest(NOW, claims, Optional.of("alice"), Optional.empty(), List.of(), Optional.empty(),
        Optional.empty(), true, Optional.empty(), Optional.empty());
  }

  @Test
  void theAuthorizerAllowsWhatTheSignerMints() {
    String token = new Signer(new Secret(SECRET)).sign(request(Map.of("role", "admin")));

    AuthorizerResponse response = AUTHORIZER.authorize("Bearer " + token, METHOD_ARN);

    assertThat(response.principalId()).isEqualTo("alice");
    assertThat(response.policyDocument().statement().get(0).effect()).isEqualTo("Allow");
  }

  @Test
  void theAuthorizerDeniesATamperedToken() {
    String token = new Signer(new Secret(SECRET)).sign(request(Map.of()));
    String[] parts = token.split("\\.");
    String otherPayload = CliRun.token("--sub", "mallory").split("\\.")[1];
    String tampered = parts[0] + "." + otherPayload + "." + parts[2];

    AuthorizerResponse response = AUTHORIZER.authorize("Bearer " + tampered, METHOD_ARN);

    assertThat(response.policyDocument().statement().get(0).effect()).isEqualTo("Deny");
    assertThat(response.context()).containsEntry("reason", "invalid_signature");
  }

  @Test
  void theAuthorizerDeniesATokenSignedWithAnotherKey() {
    String token = new Signer(new Secret("another-key-of-at-least-thirty-two-bytes!")).sign(request(Map.of()));

    AuthorizerResponse response = AUTHORIZER.authorize("Bearer " + token, METHOD_ARN);

    assertThat(response.context()).containsEntry("reason", "invalid_signature");
  }

  @Test
  void defaultsKidToTheKeyThumbprint() {
    String token = new Signer(new Secret(SECRET)).sign(request(Map.of()));

    assertThat(DecodedToken.decode(token).header())
        .containsEntry("alg", "HS256")
        .containsEntry("kid", KeyThumbprint.of(SECRET.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void refusesAWeakKey() {
    assertThatThrownBy(() -> new Signer(new Secret("x".repeat(31))))
        .isInstanceOf(WeakKeyException.class)
        .hasMessageContaining("31 bytes")
        .hasMessageContaining("token-cli secret");
  }

  @Test
  void setsIatAndAOneHourExpiryByDefault() {
    Map<String, Object> claims = Signer.claims(request(Map.of()));

    assertThat(claims).containsEntry("iat", NOW.getEpochSecond()).containsEntry("exp", NOW.getEpochSecond() + 3600);
  }

  @Test
  void keepsAGivenExpUnlessExpiresInIsSet() {
    assertThat(Signer.claims(request(Map.of("exp", 5L)))).containsEntry("exp", 5L);
    TokenRequest withExpiry = new TokenRequest(NOW, Map.of("exp", 5L), Optional.empty(), Optional.empty(),
        List.of(), Optional.of(Duration.ofMinutes(15)), Optional.empty(), true, Optional.empty(), Optional.empty());
    assertThat(Signer.claims(withExpiry)).containsEntry("exp", NOW.getEpochSecond() + 900);
  }

  @Test
  void writesOneAudienceAsAStringAndSeveralAsAnArray() {
    TokenRequest one = new TokenRequest(NOW, Map.of(), Optional.empty(), Optional.empty(), List.of("api"),
        Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty());
    TokenRequest two = new TokenRequest(NOW, Map.of(), Optional.empty(), Optional.empty(), List.of("a", "b"),
        Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty());

    assertThat(Signer.claims(one)).containsEntry("aud", "api").doesNotContainKey("iat");
    assertThat(Signer.claims(two)).containsEntry("aud", List.of("a", "b"));
  }

  @Test
  void optionsWinOverGivenClaims() {
    assertThat(Signer.claims(request(Map.of("sub", "bob", "role", "x"))))
        .containsEntry("sub", "alice")
        .containsEntry("role", "x");
  }
}
