package dev.tokengate.localgateway;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A TOKEN Lambda authorizer of an API: the function, where the token comes from, and for how long a policy is
 * reused.
 *
 * @param name the authorizer's name in {@code Auth.Authorizers}, which also scopes its cache
 * @param header the identity header ({@code Identity.Header}, {@code Authorization} by default)
 * @param validationExpression {@code Identity.ValidationExpression}: a header that does not match it is refused
 *     with 401 before the authorizer runs
 * @param ttl {@code Identity.ReauthorizeEvery}; zero turns the cache off
 */
record TokenAuthorizer(
    String name, String functionName, String header, Optional<Pattern> validationExpression, Duration ttl) {

  /** Whether API Gateway would call the authorizer with this header value at all. */
  boolean accepts(String headerValue) {
    if (headerValue == null || headerValue.isEmpty()) {
      return false;
    }
    return validationExpression.map(pattern -> pattern.matcher(headerValue).matches()).orElse(true);
  }
}
