package dev.tokengate.core.verify;

/**
 * Why a token was denied: a stable machine {@link #code()} for clients and logs, and a short human {@link
 * #message()} that API Gateway's {@code ACCESS_DENIED} response can show.
 *
 * <p>Codes are part of the public contract (docs/reference/reasons.md, dashboards, client code): add new ones,
 * never rename one.
 */
public enum Reason {
  /** Not a compact JWS of strict base64url segments holding one UTF-8 JSON object each, or too large. */
  MALFORMED_TOKEN("malformed_token", "malformed token"),
  /** The header names an algorithm other than exactly {@code HS256}. */
  ALGORITHM_NOT_ALLOWED("algorithm_not_allowed", "algorithm not allowed"),
  /** The header asks for something this verifier does not do: {@code crit}, {@code b64}, a nested JWT. */
  UNSUPPORTED_HEADER("unsupported_header", "unsupported token header"),
  /** The HMAC does not match any configured key. */
  INVALID_SIGNATURE("invalid_signature", "invalid signature"),
  /**
   * The token's {@code kid} names none of the keys, even after a refresh, and no key verifies it: signed with a
   * key that was retired, or never ours.
   */
  UNKNOWN_KEY("unknown_key", "unknown signing key"),
  /** No verification key is available (the key source returned none): fail closed. */
  KEY_UNAVAILABLE("key_unavailable", "verification key unavailable"),
  /** {@code exp} (plus leeway) is in the past. */
  TOKEN_EXPIRED("token_expired", "token expired"),
  /** {@code nbf} or {@code iat} (minus leeway) is in the future. */
  TOKEN_NOT_YET_VALID("token_not_yet_valid", "token not yet valid"),
  /** {@code iat} is older than {@code JWT_MAX_TOKEN_AGE_SECONDS} allows. */
  TOKEN_TOO_OLD("token_too_old", "token too old"),
  /** A claim that must be present is missing ({@code exp}, the principal, {@code iat} when age is bounded). */
  MISSING_CLAIM("missing_claim", "missing claim"),
  /** A claim has the wrong type or value ({@code iss}, {@code aud}, a non-numeric date, ...). */
  INVALID_CLAIM("invalid_claim", "invalid claim"),
  /** {@code USAGE_IDENTIFIER_CLAIM} is set and the token does not carry that claim. */
  MISSING_USAGE_IDENTIFIER("missing_usage_identifier", "missing usage identifier"),
  /**
   * The {@code USAGE_IDENTIFIER_CLAIM} claim is not a string API Gateway accepts as an API key value: 20 to 128
   * ASCII letters and digits.
   */
  INVALID_USAGE_IDENTIFIER("invalid_usage_identifier", "invalid usage identifier");

  private final String code;
  private final String message;

  Reason(String code, String message) {
    this.code = code;
    this.message = message;
  }

  /** {@return the stable machine code, such as {@code token_expired}} */
  public String code() {
    return code;
  }

  /** {@return a short human text, such as {@code token expired}; never carries token or key material} */
  public String message() {
    return message;
  }
}
