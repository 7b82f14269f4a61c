package dev.tokengate.core.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The authorizer's configuration, read once at init from environment variables (see the README's
 * "Configuration" table) and validated here, so that a misconfigured authorizer fails at init instead of
 * answering requests.
 *
 * <p>Values are used exactly as given: the secret is never trimmed or re-encoded. {@link #toString()} never
 * prints the secret. Instances are immutable and thread-safe.
 *
 * @param secret the HS256 key ({@code JWT_SECRET}); its UTF-8 bytes are the key
 * @param secretArn the Secrets Manager secret holding the key ({@code JWT_SECRET_ARN}); wins over {@code secret}
 * @param secretCacheTtl how long keys fetched from Secrets Manager are used before a refresh
 *     ({@code JWT_SECRET_CACHE_SECONDS})
 * @param issuer the required {@code iss}, when set ({@code JWT_ISSUER})
 * @param audience the required {@code aud} (a string or one element of an array), when set ({@code JWT_AUDIENCE})
 * @param leeway clock skew allowed on {@code exp}, {@code nbf} and {@code iat} ({@code JWT_LEEWAY_SECONDS})
 * @param maxTokenAge the oldest {@code iat} accepted, when set ({@code JWT_MAX_TOKEN_AGE_SECONDS})
 * @param principalClaims claims tried in order for the principal ({@code PRINCIPAL_CLAIM})
 * @param contextClaims claims passed to the backend in the policy's context ({@code CONTEXT_CLAIMS})
 * @param policyScope what an Allow covers ({@code POLICY_SCOPE})
 * @param invalidTokenResponse how an invalid token is answered ({@code INVALID_TOKEN_RESPONSE})
 */
public record AuthorizerConfig(
    Optional<String> secret,
    Optional<String> secretArn,
    Duration secretCacheTtl,
    Optional<String> issuer,
    Optional<String> audience,
    Duration leeway,
    Optional<Duration> maxTokenAge,
    List<String> principalClaims,
    List<String> contextClaims,
    PolicyScope policyScope,
    InvalidTokenResponse invalidTokenResponse) {

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
  /** {@code stage} or {@code method}. */
  public static final String POLICY_SCOPE = "POLICY_SCOPE";
  /** {@code deny} or {@code unauthorized}. */
  public static final String INVALID_TOKEN_RESPONSE = "INVALID_TOKEN_RESPONSE";

  /** RFC 7518 section 3.2: an HS256 key must be at least as long as the hash output. */
  public static final int MIN_SECRET_BYTES = 32;

  static final Duration DEFAULT_SECRET_CACHE_TTL = Duration.ofSeconds(300);
  static final long MAX_SECRET_CACHE_SECONDS = 86_400;
  static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(60);
  static final long MAX_LEEWAY_SECONDS = 300;
  static final List<String> DEFAULT_PRINCIPAL_CLAIMS = List.of("sub", "userId");
  static final List<String> DEFAULT_CONTEXT_CLAIMS = List.of("sub");

  private static final Pattern SECONDS = Pattern.compile("[0-9]{1,10}");
  private static final Pattern CLAIM_NAME = Pattern.compile("[A-Za-z0-9_:.\\-]{1,64}");
  private static final Pattern SECRET_ARN =
      Pattern.compile("arn:aws[a-z\\-]*:secretsmanager:[a-z0-9\\-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@\\-]+");

  /**
   * Validates every value.
   *
   * @throws ConfigException naming the variable when a value is missing or not allowed
   */
  public AuthorizerConfig {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(secretArn, "secretArn");
    Objects.requireNonNull(secretCacheTtl, "secretCacheTtl");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(leeway, "leeway");
    Objects.requireNonNull(maxTokenAge, "maxTokenAge");
    Objects.requireNonNull(policyScope, "policyScope");
    Objects.requireNonNull(invalidTokenResponse, "invalidTokenResponse");
    principalClaims = List.copyOf(principalClaims);
    contextClaims = List.copyOf(contextClaims);

    if (secretArn.isPresent()) {
      if (!SECRET_ARN.matcher(secretArn.get()).matches()) {
        throw new ConfigException(JWT_SECRET_ARN, JWT_SECRET_ARN
            + " must be a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>)");
      }
    } else if (secret.isEmpty()) {
      throw new ConfigException(JWT_SECRET, "Neither " + JWT_SECRET + " nor " + JWT_SECRET_ARN
          + " is set: set one of them (generate a key with: token-cli secret)");
    } else if (secret.get().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new ConfigException(JWT_SECRET, JWT_SECRET + " is too short: HS256 needs at least "
          + MIN_SECRET_BYTES + " bytes (UTF-8); generate one with: token-cli secret");
    }
    if (secretCacheTtl.getSeconds() < 1 || secretCacheTtl.getSeconds() > MAX_SECRET_CACHE_SECONDS
        || secretCacheTtl.getNano() != 0) {
      throw new ConfigException(JWT_SECRET_CACHE_SECONDS,
          JWT_SECRET_CACHE_SECONDS + " must be a whole number of seconds from 1 to " + MAX_SECRET_CACHE_SECONDS);
    }
    if (leeway.isNegative() || leeway.getSeconds() > MAX_LEEWAY_SECONDS || leeway.getNano() != 0) {
      throw new ConfigException(JWT_LEEWAY_SECONDS,
          JWT_LEEWAY_SECONDS + " must be a whole number of seconds from 0 to " + MAX_LEEWAY_SECONDS);
    }
    if (maxTokenAge.isPresent()
        && (maxTokenAge.get().isNegative() || maxTokenAge.get().isZero() || maxTokenAge.get().getNano() != 0)) {
      throw new ConfigException(JWT_MAX_TOKEN_AGE_SECONDS,
          JWT_MAX_TOKEN_AGE_SECONDS + " must be a whole number of seconds greater than 0");
    }
    if (principalClaims.isEmpty()) {
      throw new ConfigException(PRINCIPAL_CLAIM,
          PRINCIPAL_CLAIM + " must name at least one claim (comma-separated, e.g. sub,userId)");
    }
    requireClaimNames(PRINCIPAL_CLAIM, principalClaims);
    requireClaimNames(CONTEXT_CLAIMS, contextClaims);
    issuer.ifPresent(value -> requireNotBlank(JWT_ISSUER, value));
    audience.ifPresent(value -> requireNotBlank(JWT_AUDIENCE, value));
  }

  /**
   * Reads and validates the configuration from environment variables.
   *
   * @param env the environment: {@code System.getenv()} in production, a literal map in tests
   * @return the validated configuration
   * @throws ConfigException naming the variable when a value is missing or not allowed
   */
  public static AuthorizerConfig fromEnvironment(Map<String, String> env) {
    return new AuthorizerConfig(
        Optional.ofNullable(env.get(JWT_SECRET)),
        optional(env, JWT_SECRET_ARN),
        optional(env, JWT_SECRET_CACHE_SECONDS)
            .map(value -> seconds(JWT_SECRET_CACHE_SECONDS, value))
            .orElse(DEFAULT_SECRET_CACHE_TTL),
        optional(env, JWT_ISSUER),
        optional(env, JWT_AUDIENCE),
        optional(env, JWT_LEEWAY_SECONDS).map(value -> seconds(JWT_LEEWAY_SECONDS, value)).orElse(DEFAULT_LEEWAY),
        optional(env, JWT_MAX_TOKEN_AGE_SECONDS).map(value -> seconds(JWT_MAX_TOKEN_AGE_SECONDS, value)),
        optional(env, PRINCIPAL_CLAIM).map(AuthorizerConfig::names).orElse(DEFAULT_PRINCIPAL_CLAIMS),
        env.containsKey(CONTEXT_CLAIMS) ? names(env.get(CONTEXT_CLAIMS)) : DEFAULT_CONTEXT_CLAIMS,
        optional(env, POLICY_SCOPE).map(AuthorizerConfig::policyScope).orElse(PolicyScope.STAGE),
        optional(env, INVALID_TOKEN_RESPONSE)
            .map(AuthorizerConfig::invalidTokenResponse)
            .orElse(InvalidTokenResponse.DENY));
  }

  /** Like the generated one, but the secret is never printed. */
  @Override
  public String toString() {
    return "AuthorizerConfig[secret=" + (secret.isPresent() ? "<redacted>" : "<unset>")
        + ", secretArn=" + secretArn.orElse("<unset>")
        + ", secretCacheTtl=" + secretCacheTtl.getSeconds() + "s"
        + ", issuer=" + issuer.orElse("<unchecked>")
        + ", audience=" + audience.orElse("<unchecked>")
        + ", leeway=" + leeway.getSeconds() + "s"
        + ", maxTokenAge=" + maxTokenAge.map(age -> age.getSeconds() + "s").orElse("<unlimited>")
        + ", principalClaims=" + principalClaims
        + ", contextClaims=" + contextClaims
        + ", policyScope=" + policyScope.name().toLowerCase(Locale.ROOT)
        + ", invalidTokenResponse=" + invalidTokenResponse.name().toLowerCase(Locale.ROOT) + "]";
  }

  /** An unset or empty optional variable counts as unset: templates often render "not set" as "". */
  private static Optional<String> optional(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).filter(value -> !value.isEmpty());
  }

  private static Duration seconds(String variable, String value) {
    if (!SECONDS.matcher(value).matches()) {
      throw new ConfigException(variable,
          variable + " must be a whole number of seconds (digits only), got '" + printable(value) + "'");
    }
    return Duration.ofSeconds(Long.parseLong(value));
  }

  private static List<String> names(String value) {
    if (value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(",", -1)).map(String::trim).toList();
  }

  private static void requireClaimNames(String variable, List<String> names) {
    for (String name : names) {
      if (!CLAIM_NAME.matcher(name).matches()) {
        throw new ConfigException(variable, variable
            + " must be a comma-separated list of claim names (letters, digits, _ : . -), got '"
            + printable(name) + "'");
      }
    }
  }

  private static void requireNotBlank(String variable, String value) {
    if (value.isBlank()) {
      throw new ConfigException(variable, variable + " must not be blank: unset it or give the exact value");
    }
  }

  private static PolicyScope policyScope(String value) {
    return switch (value) {
      case "stage" -> PolicyScope.STAGE;
      case "method" -> PolicyScope.METHOD;
      default -> throw new ConfigException(POLICY_SCOPE,
          POLICY_SCOPE + " must be 'stage' or 'method', got '" + printable(value) + "'");
    };
  }

  private static InvalidTokenResponse invalidTokenResponse(String value) {
    return switch (value) {
      case "deny" -> InvalidTokenResponse.DENY;
      case "unauthorized" -> InvalidTokenResponse.UNAUTHORIZED;
      default -> throw new ConfigException(INVALID_TOKEN_RESPONSE,
          INVALID_TOKEN_RESPONSE + " must be 'deny' or 'unauthorized', got '" + printable(value) + "'");
    };
  }

  /** Keeps an echoed (non-secret) value on one short line in the error message. */
  private static String printable(String value) {
    String shortened = value.length() > 64 ? value.substring(0, 64) + "..." : value;
    return shortened.replaceAll("\\p{Cntrl}", "?");
  }
}
