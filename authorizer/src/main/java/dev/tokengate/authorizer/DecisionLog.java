package dev.tokengate.authorizer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tokengate.core.Decision;
import dev.tokengate.core.config.AuthorizerConfig;
import dev.tokengate.core.jws.TokenFingerprint;
import dev.tokengate.core.verify.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Writes one JSON line per authorization decision (CloudWatch Logs Insights reads it field by field), and
 * nothing else per request; plus the rare lines about init and the keys.
 *
 * <p>A line names the token only by its {@link TokenFingerprint}; the token, the header and the secret never
 * reach it. With {@code DECISION_METRICS=on} (the default) a decision line is also a CloudWatch embedded metric
 * format document, from which CloudWatch counts decisions and records their latency ({@link DecisionMetrics}).
 * Lines are written with Jackson's streaming generator (no mapper to build at cold start). Thread-safe: each line
 * is one {@code write}.
 */
public final class DecisionLog {

  /** The outcome member of a decision line, and a metric dimension: {@code allow}, {@code deny}, ... */
  static final String DECISION = "decision";
  /** The reason member of a decision line, and a metric dimension: a reason code, null for an Allow. */
  static final String REASON = "reason";
  /** The latency member of a decision line, in microseconds, and a metric. */
  static final String LATENCY = "latencyUs";

  private final JsonFactory json;
  private final PrintStream out;
  private final TokenFingerprint fingerprints = new TokenFingerprint();
  /** The metric members of a decision line; null with {@code DECISION_METRICS=off}. */
  private final DecisionMetrics metrics;

  /**
   * A log writing to {@code out}, without metrics.
   *
   * @param json the factory of the line generators
   * @param out where the lines go: stdout in Lambda, which sends it to CloudWatch Logs
   */
  public DecisionLog(JsonFactory json, PrintStream out) {
    this(json, out, null);
  }

  private DecisionLog(JsonFactory json, PrintStream out, DecisionMetrics metrics) {
    this.json = json;
    this.out = out;
    this.metrics = metrics;
  }

  /**
   * The log of a configured authorizer: with metrics in the configured namespace unless they are switched off.
   *
   * @param json the factory of the line generators
   * @param out where the lines go
   * @param config says whether decision lines carry metrics, and their namespace
   * @param clock the time of the metrics
   */
  static DecisionLog of(JsonFactory json, PrintStream out, AuthorizerConfig config, Clock clock) {
    return new DecisionLog(json, out,
        config.decisionMetrics() ? new DecisionMetrics(json, config.metricsNamespace(), clock) : null);
  }

  /**
   * The line of one decision.
   *
   * @param decision what was decided
   * @param authorizationHeader the header value the decision was made on (only its fingerprint is written)
   * @param startNanos {@link System#nanoTime()} when the request arrived
   */
  void decision(Decision decision, String authorizationHeader, long startNanos) {
    if (decision instanceof Decision.Allow allow) {
      allow(allow.verdict().principal(), allow.kid(), authorizationHeader, startNanos);
    } else if (decision instanceof Decision.Deny deny) {
      deny(deny.reason(), deny.kid(), authorizationHeader, startNanos);
    } else {
      Decision.Unauthorized unauthorized = (Decision.Unauthorized) decision;
      unauthorized(unauthorized.reason(), unauthorized.kid(), authorizationHeader, startNanos);
    }
  }

  private void allow(String principal, Optional<String> kid, String token, long startNanos) {
    write("allow", null, principal, kid, token, startNanos);
  }

  private void deny(Reason reason, Optional<String> kid, String token, long startNanos) {
    write("deny", reason.code(), null, kid, token, startNanos);
  }

  /** A 401: {@code reason} is a reason code, or {@code no_bearer_token} / {@code malformed_method_arn}. */
  void unauthorized(String reason, Optional<String> kid, String token, long startNanos) {
    write("unauthorized", reason, null, kid, token, startNanos);
  }

  /** The one line a failed init leaves, so the cause is found without reading a stack trace. */
  void initFailed(String message) {
    print(line -> {
      line.writeStringField("level", "error");
      line.writeStringField("event", "init_failed");
      line.writeStringField("message", message);
    });
  }

  /**
   * Keys were (re)loaded from Secrets Manager and differ from the last ones, or work again after a failure.
   *
   * @param kids the keys' thumbprints, current first (thumbprints reveal nothing about a key)
   * @param previousIgnored why an {@code AWSPREVIOUS} value was not used, or null
   */
  public void keysLoaded(List<String> kids, String previousIgnored) {
    print(line -> {
      line.writeStringField("level", previousIgnored == null ? "info" : "warn");
      line.writeStringField("event", "keys_loaded");
      line.writeArrayFieldStart("kids");
      for (String kid : kids) {
        line.writeString(kid);
      }
      line.writeEndArray();
      if (previousIgnored != null) {
        line.writeStringField("previousIgnored", previousIgnored);
      }
    });
  }

  /**
   * Fetching the keys failed; written at most once per interval while failures go on.
   *
   * @param message why, without the secret
   * @param servingLastGoodKeys whether requests are still verified with keys fetched earlier, or denied
   */
  public void keysUnavailable(String message, boolean servingLastGoodKeys) {
    print(line -> {
      line.writeStringField("level", "error");
      line.writeStringField("event", "key_fetch_failed");
      line.writeStringField("message", message);
      line.writeStringField("action", servingLastGoodKeys ? "using the last keys fetched" : "denying every request");
    });
  }

  private void write(
      String decision, String reason, String principal, Optional<String> kid, String token, long startNanos) {
    print(line -> {
      line.writeStringField(DECISION, decision);
      line.writeStringField(REASON, reason);
      line.writeStringField("principal", principal);
      line.writeStringField("kid", kid.orElse(null));
      line.writeStringField("token", token == null ? null : fingerprints.fingerprint(token));
      line.writeNumberField(LATENCY, (System.nanoTime() - startNanos) / 1_000);
      if (metrics != null) {
        metrics.write(line, reason != null);
      }
    });
  }

  /** The members of one line. */
  private interface Members {
    void write(JsonGenerator line) throws IOException;
  }

  private void print(Members members) {
    ByteArrayOutputStream line = new ByteArrayOutputStream(192);
    try (JsonGenerator generator = json.createGenerator(line)) {
      generator.writeStartObject();
      members.write(generator);
      generator.writeEndObject();
    } catch (IOException e) {
      // A ByteArrayOutputStream does not fail; and a log line must never fail a request.
      out.println("{\"level\":\"error\",\"event\":\"log_failed\"}");
      return;
    }
    line.write('\n');
    // One write of the UTF-8 bytes: a whole line even when threads log at once, and no charset encoder.
    out.write(line.toByteArray(), 0, line.size());
  }
}
