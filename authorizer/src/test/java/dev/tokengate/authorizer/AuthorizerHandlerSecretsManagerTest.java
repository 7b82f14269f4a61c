package dev.tokengate.authorizer;

import static dev.tokengate.authorizer.secrets.SecretFetcher.AWSCURRENT;
import static dev.tokengate.authorizer.secrets.SecretFetcher.AWSPREVIOUS;
import static dev.tokengate.testing.TestTokens.METHOD_ARN;
import static dev.tokengate.testing.TestTokens.OTHER_SECRET;
import static dev.tokengate.testing.TestTokens.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokengate.authorizer.secrets.FakeSecretsManager;
import dev.tokengate.authorizer.secrets.RotatingKeySource;
import dev.tokengate.core.policy.AuthorizerResponse;
import dev.tokengate.core.verify.KeyThumbprint;
import dev.tokengate.testing.MutableClock;
import dev.tokengate.testing.TestTokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole authorizer with {@code JWT_SECRET_ARN}: the real SDK client against a local fault server, covering
 * rotation and every fault Secrets Manager can have. None of them may ever produce an Allow.
 */
class AuthorizerHandlerSecretsManagerTest {

  private static final String NEW_SECRET = "the-new-key-after-a-rotation-0123456789abc";

  private final FakeSecretsManager secretsManager = newServer();
  private final MutableClock clock = new MutableClock(TestTokens.NOW);
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

  @AfterEach
  void stop() {
    secretsManager.close();
  }

  @Test
  void allowsATokenSignedWithTheKeyInTheSecret() {
    secretsManager.put(AWSCURRENT, SECRET);

    assertThat(decide(handler(), TestTokens.valid())).isEqualTo("Allow");
  }

  @Test
  void readsTheKeyFromAJsonSecret() {
    secretsManager.put(AWSCURRENT, "{\"jwtSecret\":\"" + SECRET + "\"}");

    assertThat(decide(handler(), TestTokens.valid())).isEqualTo("Allow");
  }

  @Test
  void acceptsTokensOfTheCurrentAndThePreviousKeyDuringARotation() {
    secretsManager.put(AWSCURRENT, NEW_SECRET).put(AWSPREVIOUS, SECRET);
    AuthorizerHandler handler = handler();

    assertThat(decide(handler, token(NEW_SECRET, true))).isEqualTo("Allow");
    assertThat(decide(handler, token(NEW_SECRET, false))).isEqualTo("Allow");
    assertThat(decide(handler, token(SECRET, true))).isEqualTo("Allow");
    assertThat(decide(handler, token(SECRET, false))).isEqualTo("Allow");
    assertThat(decide(handler, token(OTHER_SECRET, false))).isEqualTo("Deny invalid_signature");
    assertThat(decide(handler, token(OTHER_SECRET, true))).isEqualTo("Deny unknown_key");
  }

  @Test
  void learnsAKeyRotatedInWhenATokenNamesIt() {
    secretsManager.put(AWSCURRENT, SECRET);
    AuthorizerHandler handler = handler();
    secretsManager.put(AWSCURRENT, NEW_SECRET).put(AWSPREVIOUS, SECRET);
    clock.advance(Duration.ofSeconds(RotatingKeySource.UNKNOWN_KID_REFRESH_SECONDS));

    assertThat(decide(handler, token(NEW_SECRET, true))).isEqualTo("Allow");
    assertThat(decide(handler, token(SECRET, true))).isEqualTo("Allow");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "throttled,          400, ThrottlingException,      ''",
      "access denied,      400, AccessDeniedException,    ''",
      "deleted,            400, InvalidRequestException,  ''",
      "server error,       500, InternalServiceError,     ''",
      "unavailable,        503, ServiceUnavailable,       ''",
      "slow,               0,   '',                       ''",
      "empty value,        0,   '',                       EMPTY",
      "short key,          0,   '',                       short-key",
      "missing secret,     0,   '',                       MISSING"})
  void startsButDeniesEveryRequestWhenTheKeyCannotBeHadAtInit(
      String fault, int status, String errorType, String value) {
    secretsManager.put(AWSCURRENT, SECRET);
    if (status != 0) {
      secretsManager.fault(status, errorType);
    } else if (value.isEmpty()) {
      secretsManager.delay(Duration.ofSeconds(3));
    } else if (value.equals("MISSING")) {
      secretsManager.remove(AWSCURRENT);
    } else {
      secretsManager.put(AWSCURRENT, value.equals("EMPTY") ? "" : value);
    }

    AuthorizerHandler handler = handler();

    assertThat(decide(handler, TestTokens.valid())).isEqualTo("Deny key_unavailable");
    assertThat(log()).contains("\"event\":\"key_fetch_failed\"").contains("denying every request")
        .doesNotContain(SECRET);
  }

  @Test
  void recoversWhenSecretsManagerComesBackAfterAFailedInit() {
    secretsManager.put(AWSCURRENT, SECRET).fault(400, "AccessDeniedException");
    AuthorizerHandler handler = handler();
    assertThat(decide(handler, TestTokens.valid())).isEqualTo("Deny key_unavailable");

    secretsManager.healthy();
    clock.advance(Duration.ofSeconds(1));

    assertThat(decide(handler, TestTokens.valid())).isEqualTo("Allow");
  }

  @Test
  void usesTheLastGoodKeysForFifteenMinutesThenDenies() {
    secretsManager.put(AWSCURRENT, SECRET);
    AuthorizerHandler handler = handler();
    secretsManager.fault(400, "ThrottlingException");

    clock.advance(Duration.ofMinutes(14));
    assertThat(decide(handler, TestTokens.valid())).isEqualTo("Allow");
    clock.advance(Duration.ofMinutes(1));
    assertThat(decide(handler, TestTokens.valid())).isEqualTo("Deny key_unavailable");
  }

  private AuthorizerHandler handler() {
    return new AuthorizerHandler(secretsManager.env(), clock,
        new PrintStream(logBytes, true, StandardCharsets.UTF_8));
  }

  private String log() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }

  /** "Allow", or "Deny" and the reason. */
  static String decide(AuthorizerHandler handler, String token) {
    AuthorizerResponse response = handler.authorize("Bearer " + token, METHOD_ARN);
    String effect = response.policyDocument().statement().get(0).effect();
    return effect.equals("Allow") ? effect : effect + " " + response.context().get("reason");
  }

  /** A valid token for alice signed with the key, with its thumbprint as kid or without kid. */
  static String token(String secret, boolean withKid) {
    String header = withKid
        ? "{\"alg\":\"HS256\",\"kid\":\"" + KeyThumbprint.of(secret.getBytes(StandardCharsets.UTF_8)) + "\"}"
        : TestTokens.HS256_HEADER;
    return TestTokens.sign(header,
        "{\"sub\":\"alice\",\"iat\":" + (TestTokens.NOW_SECONDS - 60) + ",\"exp\":" + TestTokens.FAR_FUTURE + "}",
        secret);
  }

  private static FakeSecretsManager newServer() {
    try {
      return new FakeSecretsManager();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
