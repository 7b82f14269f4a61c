package dev.tokengate.cli;

import dev.tokengate.core.config.AuthorizerConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options that override the authorizer's configuration variables for {@code verify} and {@code authorize}
 * (a picocli mixin). Unset options leave the variable as the shell has it.
 */
final class AuthorizerOptions {

  @Option(names = "--iss", paramLabel = "ISSUER", description = "Require this iss (overrides $JWT_ISSUER).")
  private String issuer;

  @Option(names = "--aud", paramLabel = "AUDIENCE", description = "Require this aud (overrides $JWT_AUDIENCE).")
  private String audience;

  @Option(names = "--leeway", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "Clock skew allowed on exp, nbf, iat, e.g. 60s (overrides $JWT_LEEWAY_SECONDS; default 60s).")
  private Duration leeway;

  @Option(names = "--max-age", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "Reject tokens issued (iat) longer ago, e.g. 1h (overrides $JWT_MAX_TOKEN_AGE_SECONDS).")
  private Duration maxAge;

  @Option(names = "--principal-claim", paramLabel = "CLAIMS",
      description = "Claims tried in order for the principal, e.g. sub,userId (overrides $PRINCIPAL_CLAIM).")
  private String principalClaim;

  /** The variables these options set. */
  Map<String, String> overrides() {
    Map<String, String> env = new LinkedHashMap<>();
    if (issuer != null) {
      env.put(AuthorizerConfig.JWT_ISSUER, issuer);
    }
    if (audience != null) {
      env.put(AuthorizerConfig.JWT_AUDIENCE, audience);
    }
    if (leeway != null) {
      env.put(AuthorizerConfig.JWT_LEEWAY_SECONDS, Long.toString(leeway.getSeconds()));
    }
    if (maxAge != null) {
      env.put(AuthorizerConfig.JWT_MAX_TOKEN_AGE_SECONDS, Long.toString(maxAge.getSeconds()));
    }
    if (principalClaim != null) {
      env.put(AuthorizerConfig.PRINCIPAL_CLAIM, principalClaim);
    }
    return env;
  }
}
