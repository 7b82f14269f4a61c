package dev.tokengate.core.config;

import static dev.tokengate.core.config.EnvironmentConfig.CONTEXT_CLAIMS;
import static dev.tokengate.core.config.EnvironmentConfig.DECISION_METRICS;
import static dev.tokengate.core.config.EnvironmentConfig.INVALID_TOKEN_RESPONSE;
import static dev.tokengate.core.config.EnvironmentConfig.JWT_AUDIENCE;
import static dev.tokengate.core.config.EnvironmentConfig.JWT_ISSUER;
import static dev.tokengate.core.config.EnvironmentConfig.JWT_LEEWAY_SECONDS;
import static dev.tokengate.core.config.EnvironmentConfig.JWT_MAX_TOKEN_AGE_SECONDS;
import static dev.tokengate.core.config.EnvironmentConfig.JWT_SECRET;
import static dev.tokengate.core.config.EnvironmentConfig.JWT_SECRET_ARN;
import static dev.tokengate.core.config.EnvironmentConfig.JWT_SECRET_CACHE_SECONDS;
import static dev.tokengate.core.config.EnvironmentConfig.METRICS_NAMESPACE;
import static dev.tokengate.core.config.EnvironmentConfig.POLICY_SCOPE;
import static dev.tokengate.core.config.EnvironmentConfig.PRINCIPAL_CLAIM;
import static dev.tokengate.testing.TestTokens.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokengate.testing.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentConfigTest {

  @Test
  void appliesTheDocumentedDefaults() {
    AuthorizerConfig config = EnvironmentConfig.read(Map.of(JWT_SECRET, SECRET));

    assertThat(config.secret()).hasValue(SECRET);
    assertThat(config.secretArn()).isEmpty();
    assertThat(config.issuer()).isEmpty();
    assertThat(config.audience()).isEmpty();
    assertThat(config.leeway()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.maxTokenAge()).isEmpty();
    assertThat(config.principalClaims()).containsExactly("sub", "userId");
    assertThat(config.contextClaims()).containsExactly("sub");
    assertThat(config.policyScope()).isEqualTo(PolicyScope.STAGE);
    assertThat(config.invalidTokenResponse()).isEqualTo(InvalidTokenResponse.DENY);
    assertThat(config.decisionMetrics()).isTrue();
    assertThat(config.metricsNamespace()).isEqualTo("tokengate");
  }

  @Test
  void readsEverySetting() {
    AuthorizerConfig config = config(JWT_ISSUER, "https://issuer.example", JWT_AUDIENCE, "hello-api",
        JWT_LEEWAY_SECONDS, "5", JWT_MAX_TOKEN_AGE_SECONDS, "86400", PRINCIPAL_CLAIM, "email, sub",
        CONTEXT_CLAIMS, "sub,scope", POLICY_SCOPE, "method", INVALID_TOKEN_RESPONSE, "unauthorized",
        DECISION_METRICS, "off", METRICS_NAMESPACE, "tokengate/prod-api");

    assertThat(config.issuer()).hasValue("https://issuer.example");
    assertThat(config.audience()).hasValue("hello-api");
    assertThat(config.leeway()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.maxTokenAge()).hasValue(Duration.ofDays(1));
    assertThat(config.principalClaims()).containsExactly("email", "sub");
    assertThat(config.contextClaims()).containsExactly("sub", "scope");
    assertThat(config.policyScope()).isEqualTo(PolicyScope.METHOD);
    assertThat(config.invalidTokenResponse()).isEqualTo(InvalidTokenResponse.UNAUTHORIZED);
    assertThat(config.decisionMetrics()).isFalse();
    assertThat(config.metricsNamespace()).isEqualTo("tokengate/prod-api");
  }

  @Test
  void switchesDecisionMetricsOnAndOff() {
    assertThat(config(DECISION_METRICS, "on").decisionMetrics()).isTrue();
    assertThat(config(DECISION_METRICS, "off").decisionMetrics()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "tokengate",
      "tokengate/my-stack",
      "Company.App_1#blue:green",
      "'Auth metrics'",
      "x"})
  void acceptsEveryKindOfCharacterCloudWatchAllowsInANamespace(String namespace) {
    assertThat(config(METRICS_NAMESPACE, namespace).metricsNamespace()).isEqualTo(namespace);
  }

  @Test
  void acceptsANamespaceOfCloudWatchsMaximumLength() {
    String longest = "n".repeat(AuthorizerConfig.MAX_NAMESPACE_LENGTH);

    assertThat(config(METRICS_NAMESPACE, longest).metricsNamespace()).isEqualTo(longest);
    assertThatThrownBy(() -> config(METRICS_NAMESPACE, longest + "n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("1 to 255 characters");
  }

  @Test
  void checksTheNamespaceEvenWithMetricsOff() {
    assertThatThrownBy(() -> config(DECISION_METRICS, "off", METRICS_NAMESPACE, "AWS/Lambda"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith(METRICS_NAMESPACE);
  }

  @Test
  void keepsTheSecretExactlyAsGiven() {
    String padded = "  " + SECRET + "\n";

    assertThat(config(JWT_SECRET, padded).secret()).hasValue(padded);
  }

  @Test
  void failsFastWhenSecretIsMissing() {
    assertThatThrownBy(() -> EnvironmentConfig.read(Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining(JWT_SECRET).hasMessageContaining(JWT_SECRET_ARN);
  }

  @Test
  void failsFastWhenSecretIsShortWithoutEchoingIt() {
    String weak = "your-secret-key";

    assertThatThrownBy(() -> config(JWT_SECRET, weak))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(JWT_SECRET).hasMessageContaining("32").hasMessageNotContaining(weak)
        .extracting(e -> ((ConfigException) e).variable()).isEqualTo(JWT_SECRET);
  }

  @Test
  void acceptsASecretOfExactly32Bytes() {
    String secret = "k".repeat(AuthorizerConfig.MIN_SECRET_BYTES);

    assertThat(config(JWT_SECRET, secret).secret()).contains(secret);
  }

  @Test
  void countsSecretLengthInUtf8Bytes() {
    // 11 characters of 3 bytes each: 33 bytes, enough; 10 of them: 30 bytes, too few.
    assertThat(config(JWT_SECRET, "\u20ac".repeat(11)).secret()).isPresent();
    assertThatThrownBy(() -> config(JWT_SECRET, "\u20ac".repeat(10))).isInstanceOf(ConfigException.class);
  }

  @Test
  void acceptsSecretArnInsteadOfSecret() {
    String arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:tokengate-key-AbCdEf";

    assertThat(config(JWT_SECRET, null, JWT_SECRET_ARN, arn).secretArn()).hasValue(arn);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "JWT_SECRET_ARN | arn:aws:s3:::bucket | Secrets Manager secret ARN",
      "JWT_SECRET_CACHE_SECONDS | 0 | 1 to 86400",
      "JWT_SECRET_CACHE_SECONDS | 86401 | 1 to 86400",
      "JWT_SECRET_CACHE_SECONDS | 5m | whole number",
      "JWT_LEEWAY_SECONDS | -1 | whole number",
      "JWT_LEEWAY_SECONDS | 60s | whole number",
      "JWT_LEEWAY_SECONDS | 301 | 0 to 300",
      "JWT_MAX_TOKEN_AGE_SECONDS | 0 | greater than 0",
      "JWT_MAX_TOKEN_AGE_SECONDS | 1h | whole number",
      "PRINCIPAL_CLAIM | ' , ' | claim names",
      "CONTEXT_CLAIMS | 'sub,,scope' | claim names",
      "CONTEXT_CLAIMS | 'a b' | claim names",
      "POLICY_SCOPE | Stage | 'stage' or 'method'",
      "POLICY_SCOPE | api | 'stage' or 'method'",
      "INVALID_TOKEN_RESPONSE | 401 | 'deny' or 'unauthorized'",
      "JWT_ISSUER | '  ' | must not be blank",
      "JWT_AUDIENCE | '  ' | must not be blank",
      "DECISION_METRICS | On | 'on' or 'off'",
      "DECISION_METRICS | true | 'on' or 'off'",
      "METRICS_NAMESPACE | AWS/Lambda | must not start with 'AWS/'",
      "METRICS_NAMESPACE | AWS/ | must not start with 'AWS/'",
      "METRICS_NAMESPACE | '   ' | not only spaces",
      "METRICS_NAMESPACE | :tokengate | not starting with ':'",
      "METRICS_NAMESPACE | 'token\"gate' | CloudWatch namespace",
      "METRICS_NAMESPACE | tokengate\\prod | CloudWatch namespace",
      "METRICS_NAMESPACE | token*gate | CloudWatch namespace",
      "METRICS_NAMESPACE | 'tokengate\u00e9' | CloudWatch namespace"})
  void failsFastOnBadValueNamingTheVariableAndWhatIsAllowed(String variable, String value, String allowed) {
    assertThatThrownBy(() -> config(variable, value))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(variable)
        .hasMessageContaining(allowed)
        .extracting(e -> ((ConfigException) e).variable()).isEqualTo(variable);
  }

  @Test
  void cachesSecretsManagerKeysForFiveMinutesByDefault() {
    assertThat(config().secretCacheTtl()).isEqualTo(Duration.ofSeconds(300));
    assertThat(config(JWT_SECRET_CACHE_SECONDS, "60").secretCacheTtl()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void treatsEmptyOptionalVariablesAsUnset() {
    AuthorizerConfig config = config(JWT_ISSUER, "", JWT_LEEWAY_SECONDS, "", POLICY_SCOPE, "",
        DECISION_METRICS, "", METRICS_NAMESPACE, "");

    assertThat(config.issuer()).isEmpty();
    assertThat(config.leeway()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.policyScope()).isEqualTo(PolicyScope.STAGE);
    assertThat(config.decisionMetrics()).isTrue();
    assertThat(config.metricsNamespace()).isEqualTo("tokengate");
  }

  @Test
  void readsTheUsageIdentifierClaimAndTreatsItAsOffWhenUnsetOrEmpty() {
    assertThat(config(EnvironmentConfig.USAGE_IDENTIFIER_CLAIM, "api_key").usageIdentifierClaim())
        .contains("api_key");
    assertThat(config(EnvironmentConfig.USAGE_IDENTIFIER_CLAIM, "").usageIdentifierClaim()).isEmpty();
    assertThat(config().usageIdentifierClaim()).isEmpty();
    assertThat(config().toString()).contains("usageIdentifierClaim=<unset>");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'api key' | must be one claim name",
      "'api_key,plan' | must be one claim name",
      "' api_key' | must be one claim name",
      "sub | also in PRINCIPAL_CLAIM",
      "userId | also in PRINCIPAL_CLAIM"})
  void failsFastOnAUsageIdentifierClaimThatIsNotOneClaimNameOrIsThePrincipal(String value, String problem) {
    assertThatThrownBy(() -> config(EnvironmentConfig.USAGE_IDENTIFIER_CLAIM, value))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(EnvironmentConfig.USAGE_IDENTIFIER_CLAIM)
        .hasMessageContaining(problem)
        .extracting(e -> ((ConfigException) e).variable()).isEqualTo(EnvironmentConfig.USAGE_IDENTIFIER_CLAIM);
  }

  @Test
  void failsFastWhenTheUsageIdentifierClaimWouldBeForwardedAsContext() {
    assertThatThrownBy(() -> config(EnvironmentConfig.USAGE_IDENTIFIER_CLAIM, "api_key", CONTEXT_CLAIMS,
        "sub,api_key"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(EnvironmentConfig.USAGE_IDENTIFIER_CLAIM + " names api_key, which is also in " + CONTEXT_CLAIMS
            + ": its value is an API key, which must not become the principal or a context value");
  }

  @Test
  void emptyContextClaimsForwardsNothing() {
    assertThat(config(CONTEXT_CLAIMS, "").contextClaims()).isEmpty();
  }

  @Test
  void toStringRedactsTheSecret() {
    assertThat(config().toString()).doesNotContain(SECRET).contains("secret=<redacted>");
  }

  @Test
  void validatesWhenBuiltDirectlyToo() {
    assertThatThrownBy(() -> new AuthorizerConfig(Optional.of(SECRET), Optional.empty(), Duration.ofSeconds(300),
        Optional.empty(), Optional.empty(), Duration.ofSeconds(60), Optional.empty(), List.of(), List.of("sub"), PolicyScope.STAGE,
        InvalidTokenResponse.DENY, Optional.empty(), true, "tokengate"))
        .isInstanceOf(ConfigException.class).hasMessageContaining(PRINCIPAL_CLAIM);
  }

  @Test
  void acceptsTheLargestLeewayAndSmallestMaximumAge() {
    AuthorizerConfig config = config(JWT_LEEWAY_SECONDS, "300", JWT_MAX_TOKEN_AGE_SECONDS, "1");

    assertThat(config.leeway()).isEqualTo(Duration.ofSeconds(300));
    assertThat(config.maxTokenAge()).contains(Duration.ofSeconds(1));
  }

  @Test
  void toStringShowsEveryNonSecretSetting() {
    String text = config(JWT_ISSUER, "https://issuer.example", JWT_AUDIENCE, "api", JWT_MAX_TOKEN_AGE_SECONDS,
        "3600").toString();

    assertThat(text).contains("issuer=https://issuer.example", "audience=api", "leeway=60s", "maxTokenAge=3600s",
        "policyScope=stage", "invalidTokenResponse=deny", "decisionMetrics=on", "metricsNamespace=tokengate");
    assertThat(config(DECISION_METRICS, "off").toString()).contains("decisionMetrics=off");
  }

  @Test
  void echoesABadValueOfUpTo64CharactersWhole() {
    String value = "x".repeat(64);

    assertThatThrownBy(() -> config(POLICY_SCOPE, value))
        .hasMessageContaining("got '" + value + "'");
  }

  @Test
  void shortensALongerBadValueAndMasksControlCharacters() {
    String value = "\n" + "y".repeat(70);

    assertThatThrownBy(() -> config(POLICY_SCOPE, value))
        .hasMessageContaining("got '?" + "y".repeat(63) + "...'")
        .hasMessageNotContaining(value);
  }

  private static AuthorizerConfig config(String... overrides) {
    return EnvironmentConfig.read(TestTokens.env(overrides));
  }
}
