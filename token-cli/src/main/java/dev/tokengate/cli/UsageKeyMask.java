package dev.tokengate.cli;

import dev.tokengate.core.policy.AuthorizerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Shows a usage identifier key (an API Gateway API key, so a credential) as its first {@value #SHOWN} characters
 * and its length, so that a terminal, a CI log or a screenshot never holds the whole key. Stateless.
 */
final class UsageKeyMask {

  static final int SHOWN = 4;

  private UsageKeyMask() {}

  /** For example {@code clie... (25 characters)}. */
  static String mask(String key) {
    return key.substring(0, Math.min(SHOWN, key.length())) + "... (" + key.length() + " characters)";
  }

  /** The response with its usage identifier key masked; the response itself when it has none. */
  static AuthorizerResponse inResponse(AuthorizerResponse response) {
    if (response.usageIdentifierKey() == null) {
      return response;
    }
    return new AuthorizerResponse(response.principalId(), response.policyDocument(), response.context(),
        mask(response.usageIdentifierKey()));
  }

  /** The claims with the string value of the usage identifier claim, when one is configured, masked. */
  static Map<String, Object> inClaims(Map<String, Object> claims, Optional<String> usageIdentifierClaim) {
    if (usageIdentifierClaim.isEmpty() || !(claims.get(usageIdentifierClaim.get()) instanceof String key)) {
      return claims;
    }
    Map<String, Object> masked = new LinkedHashMap<>(claims);
    masked.put(usageIdentifierClaim.get(), mask(key));
    return masked;
  }
}
