package dev.tokengate.cli;

import dev.tokengate.core.config.AuthorizerConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment an authorizer would run with, as {@code verify} and {@code authorize} build it: the
 * authorizer's own variables from the shell ({@code JWT_ISSUER}, {@code JWT_LEEWAY_SECONDS}, ...), then the
 * command's options, then the secret the user chose as {@code JWT_SECRET}. Stateless.
 */
final class AuthorizerEnvironment {

  /** Every configuration variable but the key's: the key always comes from the secret options. */
  static final List<String> PASSED_THROUGH = List.of(
      AuthorizerConfig.JWT_ISSUER,
      AuthorizerConfig.JWT_AUDIENCE,
      AuthorizerConfig.JWT_LEEWAY_SECONDS,
      AuthorizerConfig.JWT_MAX_TOKEN_AGE_SECONDS,
      AuthorizerConfig.PRINCIPAL_CLAIM,
      AuthorizerConfig.CONTEXT_CLAIMS,
      AuthorizerConfig.POLICY_SCOPE,
      AuthorizerConfig.INVALID_TOKEN_RESPONSE);

  private AuthorizerEnvironment() {}

  /**
   * Builds the map for {@code AuthorizerConfig.fromEnvironment} and {@code AuthorizerHandler}.
   *
   * @param shell the process environment
   * @param overrides variables set by options; they win over the shell
   * @param secret the key
   */
  static Map<String, String> of(Map<String, String> shell, Map<String, String> overrides, Secret secret) {
    Map<String, String> env = new HashMap<>();
    for (String name : PASSED_THROUGH) {
      if (shell.containsKey(name)) {
        env.put(name, shell.get(name));
      }
    }
    env.putAll(overrides);
    // JWT_SECRET_ARN is left out on purpose: the CLI never fetches keys from AWS, and the authorizer would
    // prefer it over the secret given here.
    env.put(AuthorizerConfig.JWT_SECRET, secret.text());
    return env;
  }
}
