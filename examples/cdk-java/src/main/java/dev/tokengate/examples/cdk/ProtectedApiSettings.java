package dev.tokengate.examples.cdk;

import java.math.BigDecimal;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What the app reads from the CDK context ({@code cdk.json}, or {@code cdk deploy -c key=value}), validated before
 * anything is built.
 *
 * @param authorizerStack the name of the deployed tokengate authorizer stack, whose exports the API imports
 * @param cacheTtlSeconds how long API Gateway caches the authorizer's policy per token, 0 (off) to 3600
 */
public record ProtectedApiSettings(String authorizerStack, int cacheTtlSeconds) {

  /** Context key of {@link #authorizerStack()}. */
  public static final String AUTHORIZER_STACK = "authorizerStack";
  /** Context key of {@link #cacheTtlSeconds()}. */
  public static final String CACHE_TTL_SECONDS = "authorizerCacheTtlSeconds";

  static final String DEFAULT_AUTHORIZER_STACK = "tokengate-authorizer";
  static final int DEFAULT_CACHE_TTL_SECONDS = 300;
  // API Gateway caches an authorizer's result for at most an hour (AuthorizerResultTtlInSeconds: 0 to 3600).
  static final int MAX_CACHE_TTL_SECONDS = 3600;
  // A CloudFormation stack name: letters, digits and hyphens, starting with a letter, at most 128 characters.
  private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");

  /**
   * Checks both values.
   *
   * @throws IllegalArgumentException naming the context key and what it accepts
   */
  public ProtectedApiSettings {
    if (authorizerStack == null || !STACK_NAME.matcher(authorizerStack).matches()) {
      throw new IllegalArgumentException("context " + AUTHORIZER_STACK + " must be a CloudFormation stack name"
          + " (letters, digits and hyphens, starting with a letter, at most 128 characters), got '"
          + authorizerStack + "'");
    }
    if (cacheTtlSeconds < 0 || cacheTtlSeconds > MAX_CACHE_TTL_SECONDS) {
      throw ttlError(Integer.toString(cacheTtlSeconds));
    }
  }

  /**
   * Reads the settings from a context lookup that answers {@code null} for a key that is not set. A value may be
   * a string (from {@code -c key=value}) or, for the TTL, a JSON number (from {@code cdk.json}).
   *
   * @throws IllegalArgumentException naming the context key and what it accepts
   */
  public static ProtectedApiSettings fromContext(Function<String, Object> context) {
    Object stack = context.apply(AUTHORIZER_STACK);
    Object ttl = context.apply(CACHE_TTL_SECONDS);
    return new ProtectedApiSettings(
        stack == null ? DEFAULT_AUTHORIZER_STACK : stack.toString(),
        ttl == null ? DEFAULT_CACHE_TTL_SECONDS : seconds(ttl.toString()));
  }

  private static int seconds(String value) {
    try {
      return new BigDecimal(value).intValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw ttlError(value);
    }
  }

  private static IllegalArgumentException ttlError(String value) {
    return new IllegalArgumentException("context " + CACHE_TTL_SECONDS + " must be a whole number of seconds from 0"
        + " (no caching) to " + MAX_CACHE_TTL_SECONDS + ", got '" + value + "'");
  }
}
