package dev.tokengate.cli;

import dev.tokengate.core.jws.StrictJws;
import java.util.Map;

/**
 * A token's header and claims, decoded WITHOUT checking the signature or the claims: for showing what a token
 * says, never for deciding whether to trust it (that is the authorizer's {@code TokenVerifier}'s job). The
 * decoding is the authorizer's own strict parser's, so what is shown is exactly what the authorizer reads.
 *
 * @param header the JOSE header
 * @param claims the payload
 */
record DecodedToken(Map<String, Object> header, Map<String, Object> claims) {

  /**
   * Decodes a compact JWS.
   *
   * @throws InputException when it is not a strict compact JWS; the message names the part and the rule, never
   *     the token's content
   */
  static DecodedToken decode(String compact) {
    StrictJws.Decoded decoded = StrictJws.decodeForDisplay(compact);
    if (decoded instanceof StrictJws.Decoded.Malformed malformed) {
      throw new InputException("malformed token: " + malformed.problem());
    }
    StrictJws.Decoded.Readable readable = (StrictJws.Decoded.Readable) decoded;
    return new DecodedToken(Json.displayObject(readable.header()), Json.displayObject(readable.payload()));
  }
}
