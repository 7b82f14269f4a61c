package com.example.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tokengate.core.config.AuthorizerConfig;
import dev.tokengate.core.config.EnvironmentConfig;
import dev.tokengate.core.jws.BearerToken;
import dev.tokengate.core.verify.HmacKey;
import dev.tokengate.core.verify.KeySource;
import dev.tokengate.core.verify.TokenVerifier;
import dev.tokengate.core.verify.Verdict;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** A Lambda function (proxy integration or function URL) that checks the caller's bearer token itself. */
public class OrdersHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  private final TokenVerifier verifier;

  public OrdersHandler() {
    this(System.getenv(), Clock.systemUTC());
  }

  /** Built once per execution environment; tests pass a literal environment and a fixed clock. */
  OrdersHandler(Map<String, String> env, Clock clock) {
    // JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE, JWT_LEEWAY_SECONDS, PRINCIPAL_CLAIM...: the authorizer's variables,
    // validated here, so a misconfigured function fails at init instead of letting requests through.
    AuthorizerConfig config = EnvironmentConfig.read(env);
    String secret = config.secret().orElseThrow(() -> new IllegalStateException("set JWT_SECRET"));
    this.verifier = TokenVerifier.create(config, KeySource.of(HmacKey.fromSecret(secret)), clock);
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    Optional<BearerToken> bearer = BearerToken.parse(authorization(event));
    if (bearer.isEmpty()) {
      return response(401, "Unauthorized");
    }
    Verdict verdict = verifier.verify(bearer.get().compactJws());
    if (verdict instanceof Verdict.Denied denied) {
      // denied.reason().code() is a stable code (token_expired, invalid_signature...) to log; never log the token.
      return response(403, denied.reason().message());
    }
    Verdict.Allowed allowed = (Verdict.Allowed) verdict;
    return response(200, "orders of " + allowed.principal());
  }

  /** The Authorization header, whatever its case (HTTP APIs and function URLs send header names in lower case). */
  private static String authorization(Map<String, Object> event) {
    if (event.get("headers") instanceof Map<?, ?> headers) {
      for (Map.Entry<?, ?> header : headers.entrySet()) {
        if ("authorization".equalsIgnoreCase(String.valueOf(header.getKey()))) {
          return String.valueOf(header.getValue());
        }
      }
    }
    return null;
  }

  private static Map<String, Object> response(int status, String text) {
    return Map.of("statusCode", status, "headers", Map.of("Content-Type", "text/plain"), "body", text);
  }
}
