package dev.tokengate.core.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads an {@link AuthorizerConfig} from environment variables: the one place that knows their names and text
 * formats. The Lambda reads the process environment at init; tests and other adapters pass a literal map.
 *
 * <p>An unset or empty variable means "use the default" (templates often render "not set" as ""), except
 * {@link #CONTEXT_CLAIMS}, where empty means "forward nothing". Stateless.
 */
public final class EnvironmentConfig {

  /** The HS256 key, used as its exact UTF-8 bytes. */
  public static final String JWT_SECRET = "JWT_SECRET";
  /** The Secrets Manager secret holding the key; wins over {@link #JWT_SECRET}. */
  public static final String JWT_SECRET_ARN = "JWT_SECRET_ARN";
  /** Seconds that keys fetched from Secrets Manager are used before they are refreshed. */
  public static final String JWT_SECRET_CACHE_SECONDS = "JWT_SECRET_CACHE_SECONDS";
  /** The required {@code iss}. */
  public static final String JWT_ISSUER = "JWT_ISSUER";
  /** The required {@code aud}. */
  public static final String JWT_AUDIENCE = "JWT_AUDIENCE";
  /** Clock skew in seconds allowed on {@code exp}, {@code nbf} and {@code iat}. */
  public static final String JWT_LEEWAY_SECONDS = "JWT_LEEWAY_SECONDS";
  /** The maximum age in seconds of a token, measured from its {@code iat}. */
  public static final String JWT_MAX_TOKEN_AGE_SECONDS = "JWT_MAX_TOKEN_AGE_SECONDS";
  /** Comma-separated claims tried in order for the principal. */
  public static final String PRINCIPAL_CLAIM = "PRINCIPAL_CLAIM";
  /** Comma-separated claims passed to the backend. */
  public static final String CONTEXT_CLAIMS = "CONTEXT_CLAIMS";
  /** The claim whose value an Allow returns as {@code usageIdentifierKey}, the caller's API key. */
  public static final String USAGE_IDENTIFIER_CLAIM = "USAGE_IDENTIFIER_CLAIM";
  /** {@code stage} or {@code method}. */
  public static final String POLICY_SCOPE = "POLICY_SCOPE";
  /** {@code deny} or {@code unauthorized}. */
  public static final String INVALID_TOKEN_RESPONSE = "INVALID_TOKEN_RESPONSE";
  /** {@code on} or {@code off}: CloudWatch metrics in the decision log lines. */
  public static final String DECISION_METRICS = "DECISION_METRICS";
  /** The CloudWatch namespace of the decision metrics. */
  public static final String METRICS_NAMESPACE = "METRICS_NAMESPACE";

  /** Every variable read here, in the order of the configuration reference. */
  public static final List<String> VARIABLES = List.of(JWT_SECRET, JWT_SECRET_ARN, JWT_SECRET_CACHE_SECONDS,
      JWT_ISSUER, JWT_AUDIENCE, JWT_LEEWAY_SECONDS, JWT_MAX_TOKEN_AGE_SECONDS, PRINCIPAL_CLAIM, CONTEXT_CLAIMS,
      USAGE_IDENTIFIER_CLAIM, POLICY_SCOPE, INVALID_TOKEN_RESPONSE, DECISION_METRICS, METRICS_NAMESPACE);

  private static final Pattern SECONDS = Pattern.compile("[0-9]{1,10}");

  private EnvironmentConfig() {}

  /**
   * Reads and validates the configuration.
   *
   * @param env the environment: {@code System.getenv()} in production, a literal map in tests
   * @return the validated configuration
   * @throws ConfigException naming the variable when a value is missing or not allowed
   */
  public static AuthorizerConfig read(Map<String, String> env) {
    return builder(env).build();
  }

  /**
   * Reads the variables that are set into a builder, for a caller that sets more before it builds (as
   * {@code token-cli} does with its options).
   *
   * @param env the environment
   * @return a builder with every variable that is set applied
   * @throws ConfigException naming the variable when a value cannot be read at all (e.g. not a number)
   */
  public static AuthorizerConfig.Builder builder(Map<String, String> env) {
    AuthorizerConfig.Builder builder = AuthorizerConfig.builder();
    builder.secret(env.get(JWT_SECRET));
    optional(env, JWT_SECRET_ARN).ifPresent(builder::secretArn);
    optional(env, JWT_SECRET_CACHE_SECONDS).map(value -> seconds(JWT_SECRET_CACHE_SECONDS, value))
        .ifPresent(builder::secretCacheTtl);
    optional(env, JWT_ISSUER).ifPresent(builder::issuer);
    optional(env, JWT_AUDIENCE).ifPresent(builder::audience);
    optional(env, JWT_LEEWAY_SECONDS).map(value -> seconds(JWT_LEEWAY_SECONDS, value)).ifPresent(builder::leeway);
    optional(env, JWT_MAX_TOKEN_AGE_SECONDS).map(value -> seconds(JWT_MAX_TOKEN_AGE_SECONDS, value))
        .ifPresent(builder::maxTokenAge);
    optional(env, PRINCIPAL_CLAIM).map(EnvironmentConfig::claimNames).ifPresent(builder::principalClaims);
    if (env.containsKey(CONTEXT_CLAIMS)) {
      builder.contextClaims(claimNames(env.get(CONTEXT_CLAIMS)));
    }
    optional(env, USAGE_IDENTIFIER_CLAIM).ifPresent(builder::usageIdentifierClaim);
    optional(env, POLICY_SCOPE).map(EnvironmentConfig::policyScope).ifPresent(builder::policyScope);
    optional(env, INVALID_TOKEN_RESPONSE).map(EnvironmentConfig::invalidTokenResponse)
        .ifPresent(builder::invalidTokenResponse);
    optional(env, DECISION_METRICS).map(EnvironmentConfig::decisionMetrics).ifPresent(builder::decisionMetrics);
    optional(env, METRICS_NAMESPACE).ifPresent(builder::metricsNamespace);
    return builder;
  }

  /**
   * Splits a comma-separated list of claim names, as {@link #PRINCIPAL_CLAIM} and {@link #CONTEXT_CLAIMS} hold
   * them; blank means none. The names themselves are checked when the config is built.
   *
   * @param value the variable's value
   * @return the names, trimmed, in order
   */
  public static List<String> claimNames(String value) {
    if (value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(",", -1)).map(String::trim).toList();
  }

  private static Optional<String> optional(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).filter(value -> !value.isEmpty());
  }

  private static Duration seconds(String variable, String value) {
    if (!SECONDS.matcher(value).matches()) {
      throw new ConfigException(variable, variable + " must be a whole number of seconds (digits only), got '"
          + AuthorizerConfig.printable(value) + "'");
    }
    return Duration.ofSeconds(Long.parseLong(value));
  }

  private static PolicyScope policyScope(String value) {
    return switch (value) {
      case "stage" -> PolicyScope.STAGE;
      case "method" -> PolicyScope.METHOD;
      default -> throw new ConfigException(POLICY_SCOPE,
          POLICY_SCOPE + " must be 'stage' or 'method', got '" + AuthorizerConfig.printable(value) + "'");
    };
  }

  private static InvalidTokenResponse invalidTokenResponse(String value) {
    return switch (value) {
      case "deny" -> InvalidTokenResponse.DENY;
      case "unauthorized" -> InvalidTokenResponse.UNAUTHORIZED;
      default -> throw new ConfigException(INVALID_TOKEN_RESPONSE, INVALID_TOKEN_RESPONSE
          + " must be 'deny' or 'unauthorized', got '" + AuthorizerConfig.printable(value) + "'");
    };
  }

  private static boolean decisionMetrics(String value) {
    return switch (value) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new ConfigException(DECISION_METRICS,
          DECISION_METRICS + " must be 'on' or 'off', got '" + AuthorizerConfig.printable(value) + "'");
    };
  }
}
