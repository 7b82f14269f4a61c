package dev.tokengate.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The types of the registered claims, the choice of the principal and the form of the usage identifier: what
 * java-jwt leaves to its caller.
 *
 * <p>java-jwt accepts {@code "exp": null} as "no exp" and turns out-of-range dates into decode errors; here
 * every date must be a JSON number from 0 to the end of year 9999, and {@code iss}, {@code sub}, {@code jti} and
 * {@code aud} must have the types RFC 7519 gives them, so that no parser downstream reads them differently.
 * Stateless and thread-safe.
 */
public final class ClaimRules {

  /** 9999-12-31T23:59:59Z: later dates are not dates but attempts to overflow someone's arithmetic. */
  static final long MAX_NUMERIC_DATE = 253_402_300_799L;
  /** Long enough for any real identifier; a principal flows into logs, headers and usage plans. */
  static final int MAX_PRINCIPAL_LENGTH = 256;
  /**
   * API Gateway's limits on an API key value: "an alphanumeric string between 20 and 128 characters"
   * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html; the same
   * bounds for imported keys: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-key-file-format.html).
   */
  static final int MIN_USAGE_IDENTIFIER_LENGTH = 20;
  static final int MAX_USAGE_IDENTIFIER_LENGTH = 128;
  /**
   * Alphanumeric read as ASCII letters and digits: a key that API Gateway may not match must not pass here. The
   * set holds none of the characters {@link PlainText} refuses, so a key cannot break a header or a log line.
   */
  private static final Pattern API_KEY_VALUE = Pattern.compile(
      "[A-Za-z0-9]{" + MIN_USAGE_IDENTIFIER_LENGTH + "," + MAX_USAGE_IDENTIFIER_LENGTH + "}");

  private static final List<String> DATES = List.of("exp", "nbf", "iat");
  private static final List<String> STRINGS = List.of("iss", "sub", "jti");

  private ClaimRules() {}

  /** Returns why the registered claims are ill-typed, or empty when their types are right. */
  static Optional<Reason> checkTypes(ObjectNode payload) {
    for (String name : DATES) {
      JsonNode value = payload.get(name);
      if (value != null && !isNumericDate(value)) {
        return Optional.of(Reason.INVALID_CLAIM);
      }
    }
    for (String name : STRINGS) {
      JsonNode value = payload.get(name);
      if (value != null && !value.isTextual()) {
        return Optional.of(Reason.INVALID_CLAIM);
      }
    }
    JsonNode aud = payload.get("aud");
    if (aud != null && !isAudience(aud)) {
      return Optional.of(Reason.INVALID_CLAIM);
    }
    return Optional.empty();
  }

  /**
   * The principal claim: the first of {@code names} that the payload has with a non-null value. Whether its
   * value is usable is for {@link #principalText} to say.
   */
  static Optional<JsonNode> principalClaim(ObjectNode payload, List<String> names) {
    for (String name : names) {
      JsonNode value = payload.get(name);
      if (value != null && !value.isNull()) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /**
   * A principal is a non-blank string or a whole number (the seed's {@code userId}), at most
   * {@link #MAX_PRINCIPAL_LENGTH} characters as text and without control or bidirectional-formatting characters
   * ({@link PlainText}), whatever its JSON type; anything else (object, array, boolean, fraction)
   * would be rendered differently by different code.
   */
  static Optional<String> principalText(JsonNode value) {
    String text;
    if (value.isIntegralNumber()) {
      text = value.bigIntegerValue().toString();
    } else if (value.isTextual()) {
      text = value.textValue();
    } else {
      return Optional.empty();
    }
    if (text.isBlank() || text.length() > MAX_PRINCIPAL_LENGTH || !PlainText.isPlain(text)) {
      return Optional.empty();
    }
    return Optional.of(text);
  }

  /**
   * A usage identifier is returned to API Gateway as the request's API key, so it must be a JSON string that is
   * a valid API key value: {@link #MIN_USAGE_IDENTIFIER_LENGTH} to {@link #MAX_USAGE_IDENTIFIER_LENGTH} ASCII
   * letters and digits. A number, which some encoder might render differently, is refused like any other type.
   */
  static Optional<String> usageIdentifierText(JsonNode value) {
    if (!value.isTextual() || !API_KEY_VALUE.matcher(value.textValue()).matches()) {
      return Optional.empty();
    }
    return Optional.of(value.textValue());
  }

  /** Seconds since the epoch, whole or not (RFC 7519 section 2), within [0, {@link #MAX_NUMERIC_DATE}]. */
  private static boolean isNumericDate(JsonNode value) {
    if (!value.isNumber()) {
      return false;
    }
    if (value.isIntegralNumber()) {
      return value.canConvertToLong() && value.longValue() >= 0 && value.longValue() <= MAX_NUMERIC_DATE;
    }
    double seconds = value.doubleValue();
    return Double.isFinite(seconds) && seconds >= 0 && seconds <= MAX_NUMERIC_DATE;
  }

  private static boolean isAudience(JsonNode aud) {
    if (aud.isTextual()) {
      return true;
    }
    if (!aud.isArray() || aud.isEmpty()) {
      return false;
    }
    for (JsonNode element : aud) {
      if (!element.isTextual()) {
        return false;
      }
    }
    return true;
  }
}
