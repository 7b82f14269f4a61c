package dev.tokengate.core.config;

import static dev.tokengate.core.config.EnvironmentConfig.CONTEXT_CLAIMS;
import static dev.tokengate.core.config.EnvironmentConfig.JWT_AUDIENCE;
import static dev.tokengate.core.config.EnvironmentConfig.JWT_ISSUER;
import static dev.tokengate.core.config.EnvironmentConfig.JWT_LEEWAY_SECONDS;
import static dev.tokengate.core.config.EnvironmentConfig.JWT_MAX_TOKEN_AGE_SECONDS;
import static dev.tokengate.core.config.EnvironmentConfig.JWT_SECRET;
import static dev.tokengate.core.config.EnvironmentConfig.JWT_SECRET_ARN;
import static dev.tokengate.core.config.EnvironmentConfig.JWT_SECRET_CACHE_SECONDS;
import static dev.tokengate.core.config.EnvironmentConfig.METRICS_NAMESPACE;
import static dev.tokengate.core.config.EnvironmentConfig.PRINCIPAL_CLAIM;
import static dev.tokengate.core.config.EnvironmentConfig.USAGE_IDENTIFIER_CLAIM;

import dev.tokengate.core.arn.SecretArn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The authorizer's configuration: an immutable value, validated when it is built, so that a misconfigured
 * authorizer fails at init instead of answering requests. Build it with {@link #builder()}; the Lambda reads it
 * from environment variables through {@link EnvironmentConfig}, and {@code token-cli} builds it from its options.
 *
 * <p>Values are used exactly as given: the secret is never trimmed or re-encoded. {@link #toString()} never
 * prints the secret. Instances are immutable and thread-safe.
 *
 * <p>Each component names, in parentheses, the environment variable it is read from; validation messages name
 * that variable too, since it is the setting's documented name (docs/reference/configuration.md).
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
 * @param usageIdentifierClaim the claim whose value an Allow returns as {@code usageIdentifierKey}, when set
 *     ({@code USAGE_IDENTIFIER_CLAIM}); it may be neither a principal nor a context claim, since its value is an
 *     API key and those are logged or passed to the backend
 * @param decisionMetrics whether each decision log line also carries CloudWatch metrics ({@code DECISION_METRICS})
 * @param metricsNamespace the CloudWatch namespace of those metrics ({@code METRICS_NAMESPACE})
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
    InvalidTokenResponse invalidTokenResponse,
    Optional<String> usageIdentifierClaim,
    boolean decisionMetrics,
    String metricsNamespace) {

  /** RFC 7518 section 3.2: an HS256 key must be at least as long as the hash output. */
  public static final int MIN_SECRET_BYTES = 32;

  static final Duration DEFAULT_SECRET_CACHE_TTL = Duration.ofSeconds(300);
  static final long MAX_SECRET_CACHE_SECONDS = 86_400;
  static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(60);
  static final long MAX_LEEWAY_SECONDS = 300;
  static final List<String> DEFAULT_PRINCIPAL_CLAIMS = List.of("sub", "userId");
  static final List<String> DEFAULT_CONTEXT_CLAIMS = List.of("sub");
  static final String DEFAULT_METRICS_NAMESPACE = "tokengate";
  /**
   * CloudWatch's rules for a namespace: up to 255 characters among letters, digits, {@code . - _ / # :} and
   * space, at least one of them not a space
   * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Namespace), and not
   * starting with {@code :} (the API's pattern {@code [^:].*},
   * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_Metric.html).
   */
  static final int MAX_NAMESPACE_LENGTH = 255;
  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9._#/ :\\-]{1," + MAX_NAMESPACE_LENGTH + "}");
  /** Kept for AWS services: "You cannot specify a namespace that begins with AWS/" (PutMetricData). */
  private static final String RESERVED_NAMESPACE_PREFIX = "AWS/";

  private static final Pattern CLAIM_NAME = Pattern.compile("[A-Za-z0-9_:.\\-]{1,64}");

  /**
   * Validates every value.
   *
   * @param secret the HS256 key ({@code JWT_SECRET})
   * @param secretArn the Secrets Manager secret holding the key ({@code JWT_SECRET_ARN})
   * @param secretCacheTtl how long fetched keys are used ({@code JWT_SECRET_CACHE_SECONDS})
   * @param issuer the required {@code iss} ({@code JWT_ISSUER})
   * @param audience the required {@code aud} ({@code JWT_AUDIENCE})
   * @param leeway clock skew allowed ({@code JWT_LEEWAY_SECONDS})
   * @param maxTokenAge the oldest {@code iat} accepted ({@code JWT_MAX_TOKEN_AGE_SECONDS})
   * @param principalClaims claims tried in order for the principal ({@code PRINCIPAL_CLAIM})
   * @param contextClaims claims passed to the backend ({@code CONTEXT_CLAIMS})
   * @param policyScope what an Allow covers ({@code POLICY_SCOPE})
   * @param invalidTokenResponse how an invalid token is answered ({@code INVALID_TOKEN_RESPONSE})
   * @param usageIdentifierClaim the claim returned as {@code usageIdentifierKey} ({@code USAGE_IDENTIFIER_CLAIM})
   * @param decisionMetrics whether decision lines carry CloudWatch metrics ({@code DECISION_METRICS})
   * @param metricsNamespace the namespace of those metrics ({@code METRICS_NAMESPACE})
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
    Objects.requireNonNull(metricsNamespace, "metricsNamespace");
    Objects.requireNonNull(usageIdentifierClaim, "usageIdentifierClaim");
    principalClaims = List.copyOf(principalClaims);
    contextClaims = List.copyOf(contextClaims);

    if (secretArn.isPresent()) {
      if (!isSecretArn(secretArn.get())) {
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
    requireNamespace(metricsNamespace);
    if (usageIdentifierClaim.isPresent()) {
      requireUsageIdentifierClaim(usageIdentifierClaim.get(), principalClaims, contextClaims);
    }
  }

  /** {@return a builder with every setting at its documented default and no key: set a secret or a secret ARN} */
  public static Builder builder() {
    return new Builder();
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
        + ", invalidTokenResponse=" + invalidTokenResponse.name().toLowerCase(Locale.ROOT)
        + ", usageIdentifierClaim=" + usageIdentifierClaim.orElse("<unset>")
        + ", decisionMetrics=" + (decisionMetrics ? "on" : "off")
        + ", metricsNamespace=" + metricsNamespace + "]";
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

  /** One claim name, whose value (an API key) must not end up in the principal or the context. */
  private static void requireUsageIdentifierClaim(
      String name, List<String> principalClaims, List<String> contextClaims) {
    if (!CLAIM_NAME.matcher(name).matches()) {
      throw new ConfigException(USAGE_IDENTIFIER_CLAIM, USAGE_IDENTIFIER_CLAIM
          + " must be one claim name (letters, digits, _ : . -), got '" + printable(name) + "'");
    }
    if (principalClaims.contains(name) || contextClaims.contains(name)) {
      throw new ConfigException(USAGE_IDENTIFIER_CLAIM, USAGE_IDENTIFIER_CLAIM + " names " + name
          + ", which is also in " + (principalClaims.contains(name) ? PRINCIPAL_CLAIM : CONTEXT_CLAIMS)
          + ": its value is an API key, which must not become the principal or a context value");
    }
  }

  private static void requireNotBlank(String variable, String value) {
    if (value.isBlank()) {
      throw new ConfigException(variable, variable + " must not be blank: unset it or give the exact value");
    }
  }

  /** Checked even with metrics off: a namespace that is set is meant to be used, and a typo should not wait. */
  private static void requireNamespace(String namespace) {
    if (!NAMESPACE.matcher(namespace).matches() || namespace.isBlank() || namespace.startsWith(":")) {
      throw new ConfigException(METRICS_NAMESPACE, METRICS_NAMESPACE + " must be a CloudWatch namespace: 1 to "
          + MAX_NAMESPACE_LENGTH + " characters among letters, digits, . - _ / # : and space, not only spaces,"
          + " not starting with ':', got '" + printable(namespace) + "'");
    }
    if (namespace.startsWith(RESERVED_NAMESPACE_PREFIX)) {
      throw new ConfigException(METRICS_NAMESPACE, METRICS_NAMESPACE + " must not start with '"
          + RESERVED_NAMESPACE_PREFIX + "': CloudWatch keeps those namespaces for AWS services, got '"
          + printable(namespace) + "'");
    }
  }

  private static boolean isSecretArn(String value) {
    try {
      SecretArn.parse(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Keeps an echoed (non-secret) value on one short line in the error message. */
  static String printable(String value) {
    String shortened = value.length() > 64 ? value.substring(0, 64) + "..." : value;
    return shortened.replaceAll("\\p{Cntrl}", "?");
  }

  /**
   * Collects settings for an {@link AuthorizerConfig}; {@link #build()} validates them. Unset settings keep their
   * documented defaults. Not thread-safe; the config it builds is.
   */
  public static final class Builder {
    private String secret;
    private String secretArn;
    private Duration secretCacheTtl = DEFAULT_SECRET_CACHE_TTL;
    private String issuer;
    private String audience;
    private Duration leeway = DEFAULT_LEEWAY;
    private Duration maxTokenAge;
    private List<String> principalClaims = DEFAULT_PRINCIPAL_CLAIMS;
    private List<String> contextClaims = DEFAULT_CONTEXT_CLAIMS;
    private PolicyScope policyScope = PolicyScope.STAGE;
    private InvalidTokenResponse invalidTokenResponse = InvalidTokenResponse.DENY;
    private String usageIdentifierClaim;
    private boolean decisionMetrics = true;
    private String metricsNamespace = DEFAULT_METRICS_NAMESPACE;

    private Builder() {}

    /**
     * The HS256 key, used as its exact UTF-8 bytes.
     *
     * @param secret the key's text; null for none
     * @return this builder
     */
    public Builder secret(String secret) {
      this.secret = secret;
      return this;
    }

    /**
     * The Secrets Manager secret holding the key, which wins over {@link #secret}.
     *
     * @param secretArn the secret's ARN; null for none
     * @return this builder
     */
    public Builder secretArn(String secretArn) {
      this.secretArn = secretArn;
      return this;
    }

    /**
     * How long keys fetched from Secrets Manager are used before a refresh (whole seconds, 1 s to 1 day).
     *
     * @param secretCacheTtl the refresh interval
     * @return this builder
     */
    public Builder secretCacheTtl(Duration secretCacheTtl) {
      this.secretCacheTtl = Objects.requireNonNull(secretCacheTtl, "secretCacheTtl");
      return this;
    }

    /**
     * The required {@code iss}.
     *
     * @param issuer the issuer; null to leave it unchecked
     * @return this builder
     */
    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    /**
     * The required {@code aud}.
     *
     * @param audience the audience; null to leave it unchecked
     * @return this builder
     */
    public Builder audience(String audience) {
      this.audience = audience;
      return this;
    }

    /**
     * Clock skew allowed on {@code exp}, {@code nbf} and {@code iat} (whole seconds, 0 to 5 minutes).
     *
     * @param leeway the skew
     * @return this builder
     */
    public Builder leeway(Duration leeway) {
      this.leeway = Objects.requireNonNull(leeway, "leeway");
      return this;
    }

    /**
     * The oldest {@code iat} accepted, measured back from now.
     *
     * @param maxTokenAge the maximum age; null for no limit
     * @return this builder
     */
    public Builder maxTokenAge(Duration maxTokenAge) {
      this.maxTokenAge = maxTokenAge;
      return this;
    }

    /**
     * Claims tried in order for the principal.
     *
     * @param principalClaims claim names, at least one
     * @return this builder
     */
    public Builder principalClaims(List<String> principalClaims) {
      this.principalClaims = List.copyOf(principalClaims);
      return this;
    }

    /**
     * Claims passed to the backend in the policy's context.
     *
     * @param contextClaims claim names; empty for none
     * @return this builder
     */
    public Builder contextClaims(List<String> contextClaims) {
      this.contextClaims = List.copyOf(contextClaims);
      return this;
    }

    /**
     * What an Allow covers.
     *
     * @param policyScope the scope
     * @return this builder
     */
    public Builder policyScope(PolicyScope policyScope) {
      this.policyScope = Objects.requireNonNull(policyScope, "policyScope");
      return this;
    }

    /**
     * How an invalid token is answered.
     *
     * @param invalidTokenResponse the answer
     * @return this builder
     */
    public Builder invalidTokenResponse(InvalidTokenResponse invalidTokenResponse) {
      this.invalidTokenResponse = Objects.requireNonNull(invalidTokenResponse, "invalidTokenResponse");
      return this;
    }

    /**
     * Whether each decision log line also carries CloudWatch metrics (embedded metric format).
     *
     * @param decisionMetrics true to publish them
     * @return this builder
     */
    public Builder decisionMetrics(boolean decisionMetrics) {
      this.decisionMetrics = decisionMetrics;
      return this;
    }

    /**
     * The CloudWatch namespace of the decision metrics.
     *
     * @param metricsNamespace the namespace
     * @return this builder
     */
    public Builder metricsNamespace(String metricsNamespace) {
      this.metricsNamespace = Objects.requireNonNull(metricsNamespace, "metricsNamespace");
      return this;
    }

    /**
     * The claim whose value an Allow returns as {@code usageIdentifierKey}.
     *
     * @param usageIdentifierClaim the claim name; null to return none
     * @return this builder
     */
    public Builder usageIdentifierClaim(String usageIdentifierClaim) {
      this.usageIdentifierClaim = usageIdentifierClaim;
      return this;
    }

    /**
     * Validates the settings.
     *
     * @return the configuration
     * @throws ConfigException naming the setting's variable when a value is missing or not allowed
     */
    public AuthorizerConfig build() {
      return new AuthorizerConfig(Optional.ofNullable(secret), Optional.ofNullable(secretArn), secretCacheTtl,
          Optional.ofNullable(issuer), Optional.ofNullable(audience), leeway, Optional.ofNullable(maxTokenAge),
          principalClaims, contextClaims, policyScope, invalidTokenResponse,
          Optional.ofNullable(usageIdentifierClaim), decisionMetrics, metricsNamespace);
    }
  }
}
