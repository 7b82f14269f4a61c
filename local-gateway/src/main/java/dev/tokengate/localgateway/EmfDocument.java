package dev.tokengate.localgateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One log line read as a CloudWatch embedded metric format (EMF) document: the metrics CloudWatch Logs would
 * extract from it, by the specification
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html),
 * whatever function, namespace or member names wrote it. The one reader of that format here. Immutable.
 *
 * @param directives one per element of {@code _aws.CloudWatchMetrics}
 * @param properties the root's other members (neither {@code _aws}, a metric nor a dimension), in line order
 */
record EmfDocument(List<Directive> directives, Map<String, JsonNode> properties) {

  /** The specification's limits: dimension keys per dimension set, metrics per directive, values per metric. */
  static final int MAX_DIMENSIONS = 30;
  static final int MAX_METRICS = 100;
  static final int MAX_VALUES = 100;

  /** The units CloudWatch accepts (its StandardUnit); a metric without one has the unit None. */
  static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
      "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
      "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
      "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
      "None");

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  EmfDocument {
    directives = List.copyOf(directives);
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /**
   * One metric directive with its values resolved from the root.
   *
   * @param dimensionSets each dimension set as its keys and their values, in the order given
   */
  record Directive(String namespace, List<Map<String, String>> dimensionSets, List<Metric> metrics) {

    Directive {
      dimensionSets = dimensionSets.stream().map(set -> Collections.unmodifiableMap(
          new LinkedHashMap<>(set))).toList();
      metrics = List.copyOf(metrics);
    }

    /** Every dimension of every set, each once, in order of appearance. */
    Map<String, String> dimensions() {
      Map<String, String> all = new LinkedHashMap<>();
      dimensionSets.forEach(all::putAll);
      return all;
    }
  }

  /**
   * One metric and its values.
   *
   * @param unit empty for none (CloudWatch's None)
   * @param values one or more finite numbers
   */
  record Metric(String name, Optional<String> unit, List<Double> values) {

    Metric {
      values = List.copyOf(values);
    }
  }

  /** What a line is: not EMF at all, meant as EMF but broken, or a document. */
  sealed interface Reading permits NotEmf, Invalid, Valid {}

  /** Not a JSON object, or one without {@code _aws}: an ordinary log line. */
  record NotEmf() implements Reading {}

  /** A JSON object with {@code _aws} that the specification does not accept: CloudWatch extracts nothing. */
  record Invalid(String problem) implements Reading {}

  /** A document CloudWatch would extract metrics from. */
  record Valid(EmfDocument document) implements Reading {}

  /** Reads one line; never throws. */
  static Reading read(String line) {
    String text = line.strip();
    if (!text.startsWith("{")) {
      return new NotEmf();
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return new NotEmf();
    }
    if (!root.has("_aws")) {
      return new NotEmf();
    }
    try {
      return new Valid(document((ObjectNode) root));
    } catch (NotAccepted e) {
      return new Invalid(e.getMessage());
    }
  }

  private static EmfDocument document(ObjectNode root) throws NotAccepted {
    JsonNode aws = root.get("_aws");
    if (!aws.isObject()) {
      throw new NotAccepted("_aws is not an object");
    }
    if (aws.get("Timestamp") == null || !aws.get("Timestamp").isNumber()) {
      throw new NotAccepted("_aws.Timestamp is missing or not a number");
    }
    JsonNode directives = aws.get("CloudWatchMetrics");
    if (directives == null || !directives.isArray()) {
      throw new NotAccepted("_aws.CloudWatchMetrics is missing or not an array");
    }
    Set<String> used = new LinkedHashSet<>();
    List<Directive> read = new ArrayList<>();
    for (JsonNode directive : directives) {
      read.add(directive(directive, root, used));
    }
    Map<String, JsonNode> properties = new LinkedHashMap<>();
    root.properties().forEach(member -> {
      if (!member.getKey().equals("_aws") && !used.contains(member.getKey())) {
        properties.put(member.getKey(), member.getValue());
      }
    });
    return new EmfDocument(read, properties);
  }

  private static Directive directive(JsonNode directive, ObjectNode root, Set<String> used) throws NotAccepted {
    if (!directive.isObject()) {
      throw new NotAccepted("an element of _aws.CloudWatchMetrics is not an object");
    }
    JsonNode namespace = directive.get("Namespace");
    if (namespace == null || !namespace.isTextual() || namespace.textValue().isEmpty()) {
      throw new NotAccepted("a metric directive has no Namespace");
    }
    JsonNode dimensions = directive.get("Dimensions");
    if (dimensions == null || !dimensions.isArray()) {
      throw new NotAccepted(namespace.textValue() + ": Dimensions is missing or not an array");
    }
    List<Map<String, String>> sets = new ArrayList<>();
    for (JsonNode set : dimensions) {
      sets.add(dimensionSet(set, root, namespace.textValue(), used));
    }
    JsonNode metrics = directive.get("Metrics");
    if (metrics == null || !metrics.isArray() || metrics.size() > MAX_METRICS) {
      throw new NotAccepted(namespace.textValue() + ": Metrics is missing, not an array or longer than "
          + MAX_METRICS);
    }
    List<Metric> read = new ArrayList<>();
    for (JsonNode metric : metrics) {
      read.add(metric(metric, root, namespace.textValue(), used));
    }
    return new Directive(namespace.textValue(), sets, read);
  }

  private static Map<String, String> dimensionSet(JsonNode set, ObjectNode root, String namespace, Set<String> used)
      throws NotAccepted {
    if (!set.isArray() || set.size() > MAX_DIMENSIONS) {
      throw new NotAccepted(namespace + ": a dimension set is not an array of at most " + MAX_DIMENSIONS
          + " dimension names");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (JsonNode key : set) {
      JsonNode value = key.isTextual() ? root.get(key.textValue()) : null;
      if (value == null || !value.isTextual()) {
        throw new NotAccepted(namespace + ": dimension " + key + " has no string value in the document");
      }
      values.put(key.textValue(), value.textValue());
      used.add(key.textValue());
    }
    return values;
  }

  private static Metric metric(JsonNode metric, ObjectNode root, String namespace, Set<String> used)
      throws NotAccepted {
    JsonNode name = metric.get("Name");
    if (name == null || !name.isTextual() || name.textValue().isEmpty()) {
      throw new NotAccepted(namespace + ": a metric definition has no Name");
    }
    JsonNode unit = metric.get("Unit");
    if (unit != null && !(unit.isTextual() && UNITS.contains(unit.textValue()))) {
      throw new NotAccepted(namespace + ": metric " + name.textValue() + " has Unit " + unit
          + ", which is not a CloudWatch unit");
    }
    JsonNode resolution = metric.get("StorageResolution");
    if (resolution != null && !(resolution.isInt() && (resolution.intValue() == 1 || resolution.intValue() == 60))) {
      throw new NotAccepted(namespace + ": metric " + name.textValue() + " has StorageResolution " + resolution
          + "; it must be 1 or 60");
    }
    List<Double> values = values(root.get(name.textValue()));
    if (values.isEmpty()) {
      throw new NotAccepted(namespace + ": metric " + name.textValue() + " has no number (or array of at most "
          + MAX_VALUES + " numbers) as its value in the document");
    }
    used.add(name.textValue());
    return new Metric(name.textValue(), Optional.ofNullable(unit).map(JsonNode::textValue), values);
  }

  /** A number, or a non-empty array of at most {@link #MAX_VALUES} numbers; empty for anything else. */
  private static List<Double> values(JsonNode value) {
    List<Double> values = new ArrayList<>();
    if (value != null && value.isNumber()) {
      values.add(value.doubleValue());
    } else if (value != null && value.isArray() && value.size() <= MAX_VALUES) {
      for (JsonNode element : value) {
        if (!element.isNumber()) {
          return List.of();
        }
        values.add(element.doubleValue());
      }
    }
    return values.stream().allMatch(Double::isFinite) ? values : List.of();
  }

  /** Why a document is not accepted; stays inside this class. */
  private static final class NotAccepted extends Exception {

    private static final long serialVersionUID = 1L;

    NotAccepted(String message) {
      super(message, null, false, false);
    }
  }
}
