package dev.tokengate.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * What a JOSE header may say: exactly {@code "alg":"HS256"} and nothing that changes how the token is read.
 *
 * <p>java-jwt compares {@code alg} but ignores {@code crit} (which RFC 7515 section 4.1.11 says must be
 * understood or rejected), {@code b64} (RFC 7797: an unencoded payload) and {@code cty} (a nested JWT). Key
 * material in the header ({@code jku}, {@code jwk}, {@code x5u}, {@code x5c}) is ignored by construction: the
 * key always comes from configuration. Stateless and thread-safe.
 */
public final class HeaderRules {

  static final String ALGORITHM = "HS256";

  /** Header parameters that would change the meaning of the token; no extension is supported. */
  private static final List<String> UNSUPPORTED = List.of("crit", "b64", "cty", "zip", "enc");

  private HeaderRules() {}

  /** Returns why the header is refused, or empty when it is acceptable. */
  static Optional<Reason> check(ObjectNode header) {
    JsonNode alg = header.get("alg");
    // Exact and case-sensitive (RFC 7515 section 4.1.1): "none", "hs256", "HS512" and a non-string all fail.
    if (alg == null || !alg.isTextual() || !ALGORITHM.equals(alg.textValue())) {
      return Optional.of(Reason.ALGORITHM_NOT_ALLOWED);
    }
    for (String name : UNSUPPORTED) {
      if (header.has(name)) {
        return Optional.of(Reason.UNSUPPORTED_HEADER);
      }
    }
    if (isPresentButNotText(header, "kid") || isPresentButNotText(header, "typ")) {
      return Optional.of(Reason.MALFORMED_TOKEN);
    }
    return Optional.empty();
  }

  private static boolean isPresentButNotText(ObjectNode header, String name) {
    JsonNode value = header.get(name);
    return value != null && !value.isTextual();
  }
}
