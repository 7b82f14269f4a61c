package dev.tokengate.authorizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one JSON line per authorization decision (CloudWatch Logs Insights reads it field by field), and
 * nothing else per request; plus the rare lines about init and the keys.
 *
 * <p>A line names the token only by its {@link TokenFingerprint}; the token, the header and the secret never
 * reach it. Thread-safe: each line is one {@code println}.
 */
final class DecisionLog {

  private final ObjectMapper json;
  private final PrintStream out;

  DecisionLog(ObjectMapper json, PrintStream out) {
    this.json = json;
    this.out = out;
  }

  void allow(String principal, Optional<String> kid, String token, long startNanos) {
    write("allow", null, principal, kid, token, startNanos);
  }

  void deny(Reason reason, Optional<String> kid, String token, long startNanos) {
    write("deny", reason.code(), null, kid, token, startNanos);
  }

  /** A 401: {@code reason} is a reason code, or {@code no_bearer_token} / {@code malformed_method_arn}. */
  void unauthorized(String reason, Optional<String> kid, String token, long startNanos) {
    write("unauthorized", reason, null, kid, token, startNanos);
  }

  /** The one line a failed init leaves, so the cause is found without reading a stack trace. */
  void initFailed(String message) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("level", "error");
    line.put("event", "init_failed");
    line.put("message", message);
    print(line);
  }

  /**
   * Keys were (re)loaded from Secrets Manager and differ from the last ones, or work again after a failure.
   *
   * @param kids the keys' thumbprints, current first (thumbprints reveal nothing about a key)
   * @param previousIgnored why an {@code AWSPREVIOUS} value was not used, or null
   */
  void keysLoaded(List<String> kids, String previousIgnored) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("level", previousIgnored == null ? "info" : "warn");
    line.put("event", "keys_loaded");
    line.put("kids", kids);
    if (previousIgnored != null) {
      line.put("previousIgnored", previousIgnored);
    }
    print(line);
  }

  /**
   * Fetching the keys failed; written at most once per interval while failures go on.
   *
   * @param message why, without the secret
   * @param servingLastGoodKeys whether requests are still verified with keys fetched earlier, or denied
   */
  void keysUnavailable(String message, boolean servingLastGoodKeys) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("level", "error");
    line.put("event", "key_fetch_failed");
    line.put("message", message);
    line.put("action", servingLastGoodKeys ? "using the last keys fetched" : "denying every request");
    print(line);
  }

  private void write(
      String decision, String reason, String principal, Optional<String> kid, String token, long startNanos) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("decision", decision);
    line.put("reason", reason);
    line.put("principal", principal);
    line.put("kid", kid.orElse(null));
    line.put("token", token == null ? null : TokenFingerprint.of(token));
    line.put("latencyUs", (System.nanoTime() - startNanos) / 1_000);
    print(line);
  }

  private void print(Map<String, Object> line) {
    try {
      out.println(json.writeValueAsString(line));
    } catch (JsonProcessingException e) {
      // Every value is a plain string or number; this cannot happen, and a log line must never fail a request.
      out.println("{\"level\":\"error\",\"event\":\"log_failed\"}");
    }
  }
}
