package dev.tokengate.authorizer.secrets;

import dev.tokengate.core.arn.SecretArn;
import dev.tokengate.core.config.ConfigException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Reads the key's secret with the AWS SDK for Java v2: the only class that touches the SDK, so that the SDK is
 * loaded only when {@code JWT_SECRET_ARN} is set.
 *
 * <p>The client is built once and kept light for a Lambda cold start: the JDK's {@code HttpURLConnection}
 * client (the Apache and Netty clients are not even on the class path), credentials from the environment
 * variables or, under SnapStart, from Lambda's container credentials endpoint (nothing else is probed: no profile
 * files, no instance metadata), the region from {@code AWS_REGION} or else from the ARN. Every call is bounded by
 * short explicit timeouts, well under the authorizer's 5 s Lambda timeout, and the SDK never retries:
 * {@link RotatingKeySource} decides when to try again, with backoff. Thread-safe.
 */
final class SecretsManagerFetcher implements SecretFetcher {

  /** The standard variables every AWS SDK reads; read here from the handler's environment map. */
  static final String AWS_REGION = "AWS_REGION";
  static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";
  static final String AWS_ENDPOINT_URL_SECRETS_MANAGER = "AWS_ENDPOINT_URL_SECRETS_MANAGER";
  static final String AWS_IGNORE_CONFIGURED_ENDPOINT_URLS = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

  static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1000);
  static final Duration READ_TIMEOUT = Duration.ofMillis(1500);
  /** One call, connection included; a refresh makes at most two calls, so it ends within 4 s. */
  static final Duration CALL_TIMEOUT = Duration.ofMillis(2000);

  private final SecretsManagerClient client;
  private final String secretArn;

  private SecretsManagerFetcher(SecretsManagerClient client, String secretArn) {
    this.client = client;
    this.secretArn = secretArn;
  }

  /**
   * Builds the client for a secret.
   *
   * @param secretArn the validated secret ARN
   * @param env the environment: region and endpoint variables, with the precedence the AWS SDKs give them
   * @throws ConfigException when an endpoint variable is not an absolute URL
   */
  static SecretsManagerFetcher create(String secretArn, Map<String, String> env) {
    SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
        .region(Region.of(region(secretArn, env)))
        .credentialsProvider(AwsCredentialsProviderChain.builder()
            .credentialsProviders(EnvironmentVariableCredentialsProvider.create(), ContainerCredentialsProvider.create())
            .build())
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(CONNECT_TIMEOUT)
            .socketTimeout(READ_TIMEOUT))
        .overrideConfiguration(override -> override
            .apiCallTimeout(CALL_TIMEOUT)
            .apiCallAttemptTimeout(CALL_TIMEOUT)
            .retryStrategy(AwsRetryStrategy.doNotRetry()));
    endpoint(env).ifPresent(builder::endpointOverride);
    return new SecretsManagerFetcher(builder.build(), secretArn);
  }

  @Override
  public Optional<String> fetch(String versionStage) throws SecretFetchException {
    GetSecretValueResponse response;
    try {
      response = client.getSecretValue(request -> request.secretId(secretArn).versionStage(versionStage));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    } catch (AwsServiceException e) {
      throw new SecretFetchException("Secrets Manager refused GetSecretValue (" + versionStage + "): HTTP "
          + e.statusCode() + " " + e.awsErrorDetails().errorCode() + ": " + oneLine(e.awsErrorDetails().errorMessage()));
    } catch (SdkException e) {
      Throwable cause = rootCause(e);
      if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
          || cause instanceof SocketTimeoutException) {
        throw new SecretFetchException("Secrets Manager did not answer GetSecretValue (" + versionStage
            + ") in time (connect " + CONNECT_TIMEOUT.toMillis() + " ms, read " + READ_TIMEOUT.toMillis()
            + " ms, call " + CALL_TIMEOUT.toMillis() + " ms)");
      }
      // Only the cause's class: the SDK's messages are long and may quote the request.
      throw new SecretFetchException("Secrets Manager unreachable for GetSecretValue (" + versionStage + "): "
          + cause.getClass().getSimpleName());
    }
    if (response.secretString() == null) {
      throw new SecretFetchException("the secret's " + versionStage
          + " version is binary: store the key as a secret string (SecretString)");
    }
    return Optional.of(response.secretString());
  }

  /** {@code AWS_REGION} as Lambda sets it; without it (local runs), the secret's own region. */
  private static String region(String secretArn, Map<String, String> env) {
    String region = env.get(AWS_REGION);
    return region == null || region.isEmpty() ? SecretArn.parse(secretArn).region() : region;
  }

  /** The service-specific variable wins over the global one, as in every AWS SDK. */
  private static Optional<URI> endpoint(Map<String, String> env) {
    if (Boolean.parseBoolean(env.get(AWS_IGNORE_CONFIGURED_ENDPOINT_URLS))) {
      return Optional.empty();
    }
    for (String variable : new String[] {AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ENDPOINT_URL}) {
      String value = env.get(variable);
      if (value != null && !value.isEmpty()) {
        return Optional.of(endpointUri(variable, value));
      }
    }
    return Optional.empty();
  }

  private static URI endpointUri(String variable, String value) {
    try {
      URI uri = new URI(value);
      if (uri.isAbsolute() && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // Reported below with the fix.
    }
    throw new ConfigException(variable, variable + " must be an absolute URL such as https://host:port, got '"
        + oneLine(value) + "'");
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    String shortened = text.length() > 200 ? text.substring(0, 200) + "..." : text;
    return shortened.replaceAll("\\p{Cntrl}", " ");
  }
}
