package dev.tokengate.core.config;

/** How a present but invalid token is answered ({@code INVALID_TOKEN_RESPONSE}). */
public enum InvalidTokenResponse {
  /** A Deny policy carrying the reason: API Gateway answers 403. The default. */
  DENY,
  /** {@code Unauthorized}: API Gateway answers 401, as RFC 6750 asks for an invalid token. */
  UNAUTHORIZED
}
