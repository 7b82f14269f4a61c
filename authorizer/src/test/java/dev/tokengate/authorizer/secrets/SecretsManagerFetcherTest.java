package dev.tokengate.authorizer.secrets;

import static dev.tokengate.authorizer.secrets.SecretFetcher.AWSCURRENT;
import static dev.tokengate.authorizer.secrets.SecretFetcher.AWSPREVIOUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokengate.core.config.ConfigException;
import dev.tokengate.testing.TestTokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real SDK client against a local fault server: what each answer or failure of Secrets Manager becomes.
 * Credentials come from the environment variables the build sets for tests (authorizer/pom.xml).
 */
class SecretsManagerFetcherTest {

  private final FakeSecretsManager secretsManager = newServer();

  @AfterEach
  void stop() {
    secretsManager.close();
  }

  @Test
  void readsTheSecretStringOfAStage() throws Exception {
    secretsManager.put(AWSCURRENT, " a key with spaces, exactly as stored ");

    assertThat(fetcher().fetch(AWSCURRENT)).hasValue(" a key with spaces, exactly as stored ");
    assertThat(secretsManager.requestedStages()).containsExactly(AWSCURRENT);
  }

  @Test
  void reportsAMissingStageAsEmpty() throws Exception {
    secretsManager.put(AWSCURRENT, TestTokens.SECRET);

    assertThat(fetcher().fetch(AWSPREVIOUS)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "400, ThrottlingException",
      "400, AccessDeniedException",
      "400, InvalidRequestException",
      "400, DecryptionFailure",
      "500, InternalServiceError",
      "503, ServiceUnavailable"})
  void turnsServiceErrorsIntoAFetchFailureNamingTheError(int status, String errorType) {
    secretsManager.put(AWSCURRENT, TestTokens.SECRET).fault(status, errorType);

    assertThatThrownBy(() -> fetcher().fetch(AWSCURRENT))
        .isInstanceOf(SecretFetchException.class)
        .hasMessageContaining("HTTP " + status).hasMessageContaining(errorType)
        .hasMessageNotContaining(TestTokens.SECRET);
  }

  @Test
  void doesNotRetryOnItsOwn() {
    secretsManager.fault(500, "InternalServiceError");

    assertThatThrownBy(() -> fetcher().fetch(AWSCURRENT)).isInstanceOf(SecretFetchException.class);
    assertThat(secretsManager.requestedStages()).hasSize(1);
  }

  @Test
  void givesUpOnASlowAnswerWithinItsTimeout() {
    secretsManager.put(AWSCURRENT, TestTokens.SECRET).delay(Duration.ofSeconds(4));

    assertThatThrownBy(() -> fetcher().fetch(AWSCURRENT))
        .isInstanceOf(SecretFetchException.class).hasMessageContaining("did not answer");
  }

  @Test
  void reportsAnUnreachableEndpoint() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    SecretsManagerFetcher fetcher = SecretsManagerFetcher.create(FakeSecretsManager.ARN,
        Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:" + closedPort));

    assertThatThrownBy(() -> fetcher.fetch(AWSCURRENT))
        .isInstanceOf(SecretFetchException.class).hasMessageContaining("unreachable");
  }

  @Test
  void prefersTheSecretsManagerEndpointVariableOverTheGlobalOne() throws Exception {
    secretsManager.put(AWSCURRENT, TestTokens.SECRET);
    SecretsManagerFetcher fetcher = SecretsManagerFetcher.create(FakeSecretsManager.ARN, Map.of(
        "AWS_ENDPOINT_URL", "http://127.0.0.1:1",
        "AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.endpoint()));

    assertThat(fetcher.fetch(AWSCURRENT)).hasValue(TestTokens.SECRET);
  }

  @Test
  void failsInitOnAnEndpointThatIsNotAUrl() {
    assertThatThrownBy(() -> SecretsManagerFetcher.create(FakeSecretsManager.ARN,
        Map.of("AWS_ENDPOINT_URL", "localhost:4566")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("AWS_ENDPOINT_URL must be an absolute URL");
  }

  private SecretsManagerFetcher fetcher() {
    return SecretsManagerFetcher.create(FakeSecretsManager.ARN, secretsManager.env());
  }

  private static FakeSecretsManager newServer() {
    try {
      return new FakeSecretsManager();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
