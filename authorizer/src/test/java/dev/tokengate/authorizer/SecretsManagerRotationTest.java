package dev.tokengate.authorizer;

import static dev.tokengate.authorizer.AuthorizerHandlerSecretsManagerTest.decide;
import static dev.tokengate.authorizer.AuthorizerHandlerSecretsManagerTest.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokengate.authorizer.secrets.RotatingKeySource;
import dev.tokengate.core.config.EnvironmentConfig;
import dev.tokengate.testing.MutableClock;
import dev.tokengate.testing.TestTokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The authorizer against a real local Secrets Manager emulator (moto in server mode), through the real SDK client
 * and the standard endpoint variable: create the key, rotate it twice, retire the old one, delete the secret.
 */
@Tag("integration")
class SecretsManagerRotationTest {

  private static final String K1 = "first-key-of-the-rotation-test-0123456789";
  private static final String K2 = "second-key-of-the-rotation-test-0123456789";
  private static final String K3 = "third-key-of-the-rotation-test-0123456789";

  @TempDir
  static Path dir;
  private static MotoServer moto;
  private static SecretsManagerClient admin;

  private final MutableClock clock = new MutableClock(TestTokens.NOW);
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private String arn;

  @BeforeAll
  static void startMoto() throws Exception {
    moto = MotoServer.start(dir.resolve("moto.log"));
    admin = SecretsManagerClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create(moto.endpoint()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @AfterAll
  static void stopMoto() {
    if (admin != null) {
      admin.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @BeforeEach
  void createSecret() {
    arn = admin.createSecret(request -> request.name("tokengate-key-" + System.nanoTime()).secretString(K1)).arn();
  }

  @Test
  void rotatesWithoutDowntimeAndRetiresTheOldKey() {
    AuthorizerHandler handler = handler();
    assertThat(decide(handler, token(K1, true))).isEqualTo("Allow");

    // Rotate: K2 becomes AWSCURRENT, K1 AWSPREVIOUS. A token naming K2 makes the authorizer refresh at once.
    admin.putSecretValue(request -> request.secretId(arn).secretString(K2));
    clock.advance(Duration.ofSeconds(RotatingKeySource.UNKNOWN_KID_REFRESH_SECONDS));
    assertThat(decide(handler, token(K2, true))).isEqualTo("Allow");
    assertThat(decide(handler, token(K2, false))).isEqualTo("Allow");
    assertThat(decide(handler, token(K1, true))).isEqualTo("Allow");
    assertThat(decide(handler, token(K1, false))).isEqualTo("Allow");

    // Rotate again: K3 current, K2 previous, K1 retired. After the cache TTL the background refresh learns it.
    admin.putSecretValue(request -> request.secretId(arn).secretString(K3));
    clock.advance(Duration.ofSeconds(300));
    awaitDecision(() -> decide(handler, token(K3, false)), "Allow");
    assertThat(decide(handler, token(K2, true))).isEqualTo("Allow");
    assertThat(decide(handler, token(K1, true))).isEqualTo("Deny unknown_key");
    assertThat(decide(handler, token(K1, false))).isEqualTo("Deny invalid_signature");
  }

  @Test
  void deniesOnceTheSecretIsDeletedAndTheLastKeysAreTooOld() {
    AuthorizerHandler handler = handler();
    admin.deleteSecret(request -> request.secretId(arn).recoveryWindowInDays(7L));

    clock.advance(Duration.ofMinutes(10));
    assertThat(decide(handler, token(K1, true))).as("last good keys").isEqualTo("Allow");
    // That request started a refresh in the background; it fails, and says so, on its own thread.
    awaitLogLine("key_fetch_failed");
    clock.advance(Duration.ofMinutes(6));
    assertThat(decide(handler, token(K1, true))).isEqualTo("Deny key_unavailable");
    assertThat(logBytes.toString(StandardCharsets.UTF_8)).doesNotContain(K1);
  }

  @Test
  void readsAJsonSecret() {
    admin.putSecretValue(request -> request.secretId(arn).secretString("{\"jwtSecret\":\"" + K2 + "\"}"));

    assertThat(decide(handler(), token(K2, true))).isEqualTo("Allow");
  }

  private AuthorizerHandler handler() {
    Map<String, String> env = TestTokens.env(EnvironmentConfig.JWT_SECRET, null, EnvironmentConfig.JWT_SECRET_ARN, arn,
        "AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", moto.endpoint());
    return new AuthorizerHandler(env, clock, new PrintStream(logBytes, true, StandardCharsets.UTF_8));
  }

  /** A line the background refresh logs on its own thread, awaited like a decision. */
  private void awaitLogLine(String event) {
    awaitDecision(() -> logBytes.toString(StandardCharsets.UTF_8).contains(event) ? event : "no " + event, event);
  }

  /** The background refresh runs on its own thread: poll for its result, with a generous deadline. */
  private static void awaitDecision(Supplier<String> decision, String expected) {
    Instant deadline = Instant.now().plusSeconds(30);
    String last = decision.get();
    while (!last.equals(expected) && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      last = decision.get();
    }
    assertThat(last).isEqualTo(expected);
  }
}
