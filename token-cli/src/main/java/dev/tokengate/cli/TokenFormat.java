package dev.tokengate.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** How {@code sign} prints the token. */
enum TokenFormat {
  /** The compact token alone. */
  TOKEN,
  /** {@code Bearer <token>}: the value of the Authorization header (Postman, API clients). */
  BEARER,
  /** {@code Authorization: Bearer <token>}: ready for {@code curl -H}. */
  HEADER,
  /** An OAuth-style JSON object with the token, its lifetime, header and claims, for scripts. */
  JSON;

  /** The text to print, without the final line break. */
  String render(String token, Instant now) {
    return switch (this) {
      case TOKEN -> token;
      case BEARER -> "Bearer " + token;
      case HEADER -> "Authorization: Bearer " + token;
      case JSON -> json(token, now);
    };
  }

  private static String json(String token, Instant now) {
    DecodedToken decoded = DecodedToken.decode(token);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("access_token", token);
    out.put("token_type", "Bearer");
    if (decoded.claims().get("exp") instanceof Long exp) {
      out.put("expires_in", exp - now.getEpochSecond());
    }
    out.put("header", decoded.header());
    out.put("claims", decoded.claims());
    return Json.pretty(out);
  }
}
