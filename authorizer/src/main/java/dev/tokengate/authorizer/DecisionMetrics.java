package dev.tokengate.authorizer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;

/**
 * The members that make a decision log line a CloudWatch embedded metric format document, so that CloudWatch
 * Logs extracts metrics from it: no SDK call, no extra permission, no second line. The specification:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 *
 * <p>Two metrics, {@value #DECISIONS} (a count, 1 per line) and {@value DecisionLog#LATENCY} (the line's own
 * field), with the dimensions {@value DecisionLog#DECISION} and, where there is one, {@value DecisionLog#REASON}.
 * Both take their values from small fixed sets, never from the token: each new dimension value is a custom
 * metric CloudWatch bills. The metric directives differ only by outcome kind, so they are serialized once, here;
 * a line adds its count and timestamp. Immutable and thread-safe.
 */
final class DecisionMetrics {

  /** The count metric: every line adds 1. */
  static final String DECISIONS = "decisions";
  static final String COUNT_UNIT = "Count";
  static final String LATENCY_UNIT = "Microseconds";

  private final Clock clock;
  /** The directives of an Allow line: counted by decision only, since an Allow has no reason. */
  private final SerializableString byDecision;
  /** The directives of a Deny or Unauthorized line: by decision, and by decision and reason. */
  private final SerializableString byDecisionAndReason;

  /**
   * Metrics in {@code namespace}, stamped with {@code clock}'s time.
   *
   * @param json the factory that serializes the directives
   * @param namespace a valid CloudWatch namespace (see {@code AuthorizerConfig#metricsNamespace})
   * @param clock the time of each line's metrics
   */
  DecisionMetrics(JsonFactory json, String namespace, Clock clock) {
    this.clock = clock;
    this.byDecision = directives(json, namespace, false);
    this.byDecisionAndReason = directives(json, namespace, true);
  }

  /**
   * Writes the count and the {@code _aws} member at the end of a decision line.
   *
   * @param line the generator inside the line's object, after its other members
   * @param hasReason whether the line's {@value DecisionLog#REASON} is a code (Deny, Unauthorized), not null
   */
  void write(JsonGenerator line, boolean hasReason) throws IOException {
    line.writeNumberField(DECISIONS, 1);
    line.writeObjectFieldStart("_aws");
    line.writeNumberField("Timestamp", clock.millis());
    line.writeFieldName("CloudWatchMetrics");
    line.writeRawValue(hasReason ? byDecisionAndReason : byDecision);
    line.writeEndObject();
  }

  private static SerializableString directives(JsonFactory json, String namespace, boolean byReason) {
    StringWriter text = new StringWriter();
    try (JsonGenerator directives = json.createGenerator(text)) {
      directives.writeStartArray();
      directives.writeStartObject();
      directives.writeStringField("Namespace", namespace);
      directives.writeArrayFieldStart("Dimensions");
      directives.writeArray(new String[] {DecisionLog.DECISION}, 0, 1);
      if (byReason) {
        directives.writeArray(new String[] {DecisionLog.DECISION, DecisionLog.REASON}, 0, 2);
      }
      directives.writeEndArray();
      directives.writeArrayFieldStart("Metrics");
      metric(directives, DECISIONS, COUNT_UNIT);
      metric(directives, DecisionLog.LATENCY, LATENCY_UNIT);
      directives.writeEndArray();
      directives.writeEndObject();
      directives.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException("a StringWriter does not fail", e);
    }
    return new SerializedString(text.toString());
  }

  private static void metric(JsonGenerator directives, String name, String unit) throws IOException {
    directives.writeStartObject();
    directives.writeStringField("Name", name);
    directives.writeStringField("Unit", unit);
    directives.writeEndObject();
  }
}
