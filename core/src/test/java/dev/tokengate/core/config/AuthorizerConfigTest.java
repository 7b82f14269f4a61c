package dev.tokengate.core.config;

import static dev.tokengate.testing.TestTokens.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The builder and the value; reading environment variables is {@link EnvironmentConfigTest}'s. */
class AuthorizerConfigTest {

  @Test
  void buildsTheDocumentedDefaultsAroundAKey() {
    AuthorizerConfig config = AuthorizerConfig.builder().secret(SECRET).build();

    assertThat(config).isEqualTo(EnvironmentConfig.read(java.util.Map.of(EnvironmentConfig.JWT_SECRET, SECRET)));
    assertThat(config.leeway()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.principalClaims()).containsExactly("sub", "userId");
    assertThat(config.contextClaims()).containsExactly("sub");
    assertThat(config.policyScope()).isEqualTo(PolicyScope.STAGE);
    assertThat(config.invalidTokenResponse()).isEqualTo(InvalidTokenResponse.DENY);
    assertThat(config.decisionMetrics()).isTrue();
    assertThat(config.metricsNamespace()).isEqualTo("tokengate");
  }

  @Test
  void setsEverySettingThroughOneChainOfCalls() {
    AuthorizerConfig config = AuthorizerConfig.builder()
        .secret(SECRET)
        .secretArn("arn:aws:secretsmanager:eu-west-1:123456789012:secret:tokengate/jwt-AbCdEf")
        .secretCacheTtl(Duration.ofSeconds(60))
        .issuer("https://issuer.example")
        .audience("api")
        .leeway(Duration.ZERO)
        .maxTokenAge(Duration.ofHours(1))
        .principalClaims(List.of("email"))
        .contextClaims(List.of())
        .policyScope(PolicyScope.METHOD)
        .invalidTokenResponse(InvalidTokenResponse.UNAUTHORIZED)
        .decisionMetrics(false)
        .metricsNamespace("tokengate/prod-api")
        .build();

    assertThat(config.secret()).contains(SECRET);
    assertThat(config.secretArn()).contains("arn:aws:secretsmanager:eu-west-1:123456789012:secret:tokengate/jwt-AbCdEf");
    assertThat(config.secretCacheTtl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.issuer()).contains("https://issuer.example");
    assertThat(config.audience()).contains("api");
    assertThat(config.leeway()).isZero();
    assertThat(config.maxTokenAge()).contains(Duration.ofHours(1));
    assertThat(config.principalClaims()).containsExactly("email");
    assertThat(config.contextClaims()).isEmpty();
    assertThat(config.policyScope()).isEqualTo(PolicyScope.METHOD);
    assertThat(config.invalidTokenResponse()).isEqualTo(InvalidTokenResponse.UNAUTHORIZED);
    assertThat(config.decisionMetrics()).isFalse();
    assertThat(config.metricsNamespace()).isEqualTo("tokengate/prod-api");
  }

  @Test
  void clearsAnOptionalSettingWithNull() {
    AuthorizerConfig config = AuthorizerConfig.builder().secret(SECRET).issuer("x").issuer(null).audience(null)
        .maxTokenAge(null).secretArn(null).build();

    assertThat(config.issuer()).isEmpty();
    assertThat(config.audience()).isEmpty();
    assertThat(config.maxTokenAge()).isEmpty();
    assertThat(config.secretArn()).isEmpty();
  }

  @Test
  void failsFastWithoutAKeyNamingBothVariables() {
    assertThatThrownBy(() -> AuthorizerConfig.builder().build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(EnvironmentConfig.JWT_SECRET)
        .hasMessageContaining(EnvironmentConfig.JWT_SECRET_ARN);
  }

  @Test
  void validatesWhatTheBuilderWasGiven() {
    AuthorizerConfig.Builder builder = AuthorizerConfig.builder().secret(SECRET);

    assertThatThrownBy(() -> builder.leeway(Duration.ofMinutes(6)).build())
        .isInstanceOf(ConfigException.class).hasMessageContaining(EnvironmentConfig.JWT_LEEWAY_SECONDS);
    assertThatThrownBy(() -> AuthorizerConfig.builder().secret("short").build())
        .isInstanceOf(ConfigException.class).hasMessageContaining("too short").hasMessageNotContaining("short'");
    assertThatThrownBy(() -> AuthorizerConfig.builder().secret(SECRET).principalClaims(List.of("a b")).build())
        .isInstanceOf(ConfigException.class).hasMessageContaining(EnvironmentConfig.PRINCIPAL_CLAIM);
    assertThatThrownBy(() -> AuthorizerConfig.builder().secretArn("tokengate/jwt").build())
        .isInstanceOf(ConfigException.class).hasMessageContaining(EnvironmentConfig.JWT_SECRET_ARN);
    assertThatThrownBy(() -> AuthorizerConfig.builder().secret(SECRET).metricsNamespace("").build())
        .isInstanceOf(ConfigException.class).hasMessageContaining(EnvironmentConfig.METRICS_NAMESPACE);
  }

  @Test
  void isNotChangedByTheListsItWasBuiltFrom() {
    List<String> claims = new ArrayList<>(List.of("sub"));
    AuthorizerConfig.Builder builder = AuthorizerConfig.builder().secret(SECRET).contextClaims(claims);
    claims.add("email");

    assertThat(builder.build().contextClaims()).containsExactly("sub");
  }

  @Test
  void refusesNullForSettingsThatHaveADefault() {
    AuthorizerConfig.Builder builder = AuthorizerConfig.builder();

    assertThatThrownBy(() -> builder.leeway(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.secretCacheTtl(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.policyScope(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.invalidTokenResponse(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.metricsNamespace(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void setsAndClearsTheUsageIdentifierClaim() {
    AuthorizerConfig.Builder builder = AuthorizerConfig.builder().secret(SECRET);

    assertThat(builder.build().usageIdentifierClaim()).isEmpty();
    AuthorizerConfig metered = builder.usageIdentifierClaim("api_key").build();
    assertThat(metered.usageIdentifierClaim()).contains("api_key");
    assertThat(metered.toString()).contains("usageIdentifierClaim=api_key");
    assertThat(builder.usageIdentifierClaim(null).build().usageIdentifierClaim()).isEmpty();
  }

  @Test
  void refusesAUsageIdentifierClaimThatIsAlsoAPrincipalOrContextClaim() {
    assertThatThrownBy(() -> AuthorizerConfig.builder().secret(SECRET).principalClaims(List.of("email", "key"))
        .usageIdentifierClaim("key").build())
        .isInstanceOf(ConfigException.class).hasMessageContaining("also in " + EnvironmentConfig.PRINCIPAL_CLAIM);
    assertThatThrownBy(() -> AuthorizerConfig.builder().secret(SECRET).contextClaims(List.of("sub", "key"))
        .usageIdentifierClaim("key").build())
        .isInstanceOf(ConfigException.class).hasMessageContaining("also in " + EnvironmentConfig.CONTEXT_CLAIMS);
    assertThat(AuthorizerConfig.builder().secret(SECRET).principalClaims(List.of("email")).contextClaims(List.of())
        .usageIdentifierClaim("sub").build().usageIdentifierClaim()).contains("sub");
  }

  @Test
  void neverPrintsTheSecret() {
    assertThat(AuthorizerConfig.builder().secret(SECRET).build().toString())
        .doesNotContain(SECRET).contains("secret=<redacted>");
    assertThat(Optional.of(AuthorizerConfig.builder().secret(SECRET)).toString()).doesNotContain(SECRET);
  }
}
