package dev.tokengate.cli;

import java.util.Base64;
import java.util.Map;

/**
 * A token's header and claims, decoded WITHOUT checking anything: for showing what a token says, never for
 * deciding whether to trust it (that is the authorizer's {@code TokenVerifier}'s job).
 *
 * @param header the JOSE header
 * @param claims the payload
 */
record DecodedToken(Map<String, Object> header, Map<String, Object> claims) {

  /**
   * Decodes a compact JWS.
   *
   * @throws InputException when it is not three dot-separated base64url parts with JSON objects in the first two
   */
  static DecodedToken decode(String compact) {
    String[] parts = compact.split("\\.", -1);
    if (parts.length != 3) {
      throw new InputException("malformed token: expected three base64url parts separated by dots, found "
          + parts.length);
    }
    return new DecodedToken(object(parts[0], "header"), object(parts[1], "payload"));
  }

  private static Map<String, Object> object(String part, String name) {
    byte[] json;
    try {
      json = Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      throw new InputException("malformed token: the " + name + " is not base64url");
    }
    try {
      return Json.parseObject(new String(json, java.nio.charset.StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new InputException("malformed token: the " + name + " is not a JSON object (" + e.getMessage() + ")");
    }
  }
}
