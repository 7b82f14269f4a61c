package dev.tokengate.cli;

import dev.tokengate.core.config.AuthorizerConfig;
import dev.tokengate.core.config.EnvironmentConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options that override the authorizer's configuration variables for {@code verify} and {@code authorize}
 * (a picocli mixin), and the configuration they build. Unset options leave the variable as the shell has it.
 */
final class AuthorizerOptions {

  /** The authorizer's variables that {@code verify} and {@code authorize} honour; never the key's. */
  static final List<String> FROM_THE_SHELL = List.of(
      EnvironmentConfig.JWT_ISSUER,
      EnvironmentConfig.JWT_AUDIENCE,
      EnvironmentConfig.JWT_LEEWAY_SECONDS,
      EnvironmentConfig.JWT_MAX_TOKEN_AGE_SECONDS,
      EnvironmentConfig.PRINCIPAL_CLAIM,
      EnvironmentConfig.CONTEXT_CLAIMS,
      EnvironmentConfig.USAGE_IDENTIFIER_CLAIM,
      EnvironmentConfig.POLICY_SCOPE,
      EnvironmentConfig.INVALID_TOKEN_RESPONSE);

  @Option(names = "--iss", paramLabel = "ISSUER", description = "Require this iss (overrides $JWT_ISSUER).")
  private String issuer;

  @Option(names = "--aud", paramLabel = "AUDIENCE", description = "Require this aud (overrides $JWT_AUDIENCE).")
  private String audience;

  @Option(names = "--leeway", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "Clock skew allowed on exp, nbf, iat, such as 60s (overrides $JWT_LEEWAY_SECONDS; default 60s).")
  private Duration leeway;

  @Option(names = "--max-age", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "Reject tokens issued (iat) longer ago, such as 1h (overrides $JWT_MAX_TOKEN_AGE_SECONDS).")
  private Duration maxAge;

  @Option(names = "--principal-claim", paramLabel = "CLAIMS", split = ",",
      description = "Claims tried in order for the principal, such as sub,userId (overrides $PRINCIPAL_CLAIM).")
  private List<String> principalClaims;

  /**
   * The configuration an authorizer would run with: the authorizer's own variables from the shell
   * ({@code JWT_ISSUER}, {@code JWT_LEEWAY_SECONDS}, ...), then these options, then the key the user chose. The
   * shell's {@code JWT_SECRET_ARN} is never used: the CLI does not fetch keys from AWS, and the authorizer would
   * prefer it over the key given here.
   *
   * @param shell the process environment
   * @param key the HS256 key
   * @throws dev.tokengate.core.config.ConfigException when a value is not allowed
   */
  AuthorizerConfig config(Map<String, String> shell, Secret key) {
    Map<String, String> verificationSettings = new HashMap<>();
    for (String name : FROM_THE_SHELL) {
      if (shell.containsKey(name)) {
        verificationSettings.put(name, shell.get(name));
      }
    }
    AuthorizerConfig.Builder config = EnvironmentConfig.builder(verificationSettings);
    if (issuer != null) {
      config.issuer(issuer);
    }
    if (audience != null) {
      config.audience(audience);
    }
    if (leeway != null) {
      config.leeway(leeway);
    }
    if (maxAge != null) {
      config.maxTokenAge(maxAge);
    }
    if (principalClaims != null) {
      config.principalClaims(principalClaims);
    }
    return config.secret(key.text()).build();
  }
}
