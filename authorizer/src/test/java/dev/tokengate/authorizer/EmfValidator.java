package dev.tokengate.authorizer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one log line against CloudWatch's "Specification: Embedded metric format",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 * and not against a copy of what the authorizer writes: first with the JSON schema AWS publishes there
 * ({@code src/test/resources/emf/embedded-metric-format.schema.json}), then, in code, with the rules of the
 * specification's text that the schema does not express. Each rule below quotes or names its source.
 *
 * <p>{@code EmfValidatorTest} proves that each rule rejects what it should. Stateless; thread-safe.
 */
final class EmfValidator {

  /** "The embedded metric format is subject to the same limits as standard CloudWatch Logs events": 1 MB. */
  static final int MAX_DOCUMENT_BYTES = 1024 * 1024;
  /** "This array MUST NOT contain more than 100 MetricDefinition objects." */
  static final int MAX_METRIC_DEFINITIONS = 100;
  /** "Numeric array metric targets MUST NOT have more than 100 members." */
  static final int MAX_METRIC_VALUES = 100;
  /** A dimension's target "MUST NOT contain more than 1024 characters"; CloudWatch's Dimension needs at least 1. */
  static final int MAX_DIMENSION_VALUE_CHARS = 1024;
  /** StorageResolution: "Values SHOULD be valid CloudWatch supported resolutions, 1 or 60." */
  static final Set<Integer> STORAGE_RESOLUTIONS = Set.of(1, 60);

  /**
   * The namespace of a metric, as CloudWatch defines it (cloudwatch_concepts.html#Namespace): up to 255
   * characters among letters, digits, {@code . - _ / # :} and space, at least one not a space; the API's pattern
   * {@code [^:].*}; and never {@code AWS/...}, which is kept for AWS services (PutMetricData).
   */
  private static final Pattern NAMESPACE = Pattern.compile("(?! *$)(?!:)(?!AWS/)[A-Za-z0-9._#/ :-]{1,255}");

  /**
   * "Unless otherwise noted, objects defined by this specification MUST NOT contain any additional members": the
   * members each object may have (the root node is the exception: it "MAY contain any other members").
   */
  private static final Set<String> METADATA_MEMBERS = Set.of("Timestamp", "CloudWatchMetrics");
  private static final Set<String> DIRECTIVE_MEMBERS = Set.of("Namespace", "Dimensions", "Metrics");
  private static final Set<String> DEFINITION_MEMBERS = Set.of("Name", "Unit", "StorageResolution");

  /** Duplicate member names make a document mean what each reader decides; RFC 8259 says they SHOULD be unique. */
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final Schema SCHEMA = loadSchema();

  private EmfValidator() {}

  /**
   * Every way {@code line} breaks the specification; empty when it is a valid embedded metric format document.
   *
   * @param line one log event's message, without its line break
   */
  static List<String> violations(String line) {
    List<String> violations = new ArrayList<>();
    if (line.getBytes(StandardCharsets.UTF_8).length > MAX_DOCUMENT_BYTES) {
      violations.add("larger than the 1 MB a log event may hold");
    }
    JsonNode root;
    try {
      // "The LogEvent message MUST be a valid JSON object with no additional data at the beginning or end."
      root = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      violations.add("not one JSON document: " + e.getOriginalMessage());
      return violations;
    }
    if (root == null || !root.isObject()) {
      violations.add("the root node is not a JSON object");
      return violations;
    }
    for (Error error : SCHEMA.validate(root)) {
      violations.add("schema: " + error);
    }
    JsonNode metadata = root.path("_aws");
    if (!metadata.isObject() || !metadata.path("CloudWatchMetrics").isArray()) {
      return violations;
    }
    onlyMembers(metadata, METADATA_MEMBERS, "_aws", violations);
    JsonNode timestamp = metadata.path("Timestamp");
    if (timestamp.isIntegralNumber() && timestamp.asLong() < 0) {
      violations.add("_aws.Timestamp is not milliseconds after 1970-01-01T00:00:00Z: " + timestamp);
    }
    int index = 0;
    for (JsonNode directive : metadata.path("CloudWatchMetrics")) {
      directive(root, directive, "_aws.CloudWatchMetrics[" + index++ + "]", violations);
    }
    return violations;
  }

  /**
   * Parses {@code line} after asserting that it is a valid embedded metric format document.
   *
   * @throws AssertionError listing the violations otherwise
   */
  static JsonNode requireValid(String line) {
    List<String> violations = violations(line);
    if (!violations.isEmpty()) {
      throw new AssertionError("not a valid embedded metric format document: " + violations + "\n" + line);
    }
    try {
      return JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new AssertionError("validated, yet unreadable: " + line, e);
    }
  }

  private static void directive(JsonNode root, JsonNode directive, String where, List<String> violations) {
    if (!directive.isObject()) {
      return;
    }
    onlyMembers(directive, DIRECTIVE_MEMBERS, where, violations);
    JsonNode namespace = directive.path("Namespace");
    if (namespace.isTextual() && !NAMESPACE.matcher(namespace.textValue()).matches()) {
      violations.add(where + ".Namespace is not a CloudWatch namespace: " + namespace);
    }
    for (JsonNode dimensionSet : directive.path("Dimensions")) {
      for (JsonNode key : dimensionSet) {
        // "The values within this array MUST also be members on the root-node": "The target member MUST have a
        // string value. This value MUST NOT contain more than 1024 characters."
        JsonNode target = target(root, key);
        if (target == null) {
          violations.add(where + " names dimension " + key + ", which is not a member of the root node");
        } else if (!target.isTextual()) {
          violations.add(where + " names dimension " + key + ", whose value is not a string: " + target);
        } else if (target.textValue().isEmpty() || target.textValue().length() > MAX_DIMENSION_VALUE_CHARS) {
          violations.add(where + " names dimension " + key + ", whose value is not 1 to 1024 characters long");
        }
      }
    }
    JsonNode metrics = directive.path("Metrics");
    if (metrics.size() > MAX_METRIC_DEFINITIONS) {
      violations.add(where + ".Metrics holds more than 100 MetricDefinitions: " + metrics.size());
    }
    int index = 0;
    for (JsonNode definition : metrics) {
      definition(root, definition, where + ".Metrics[" + index++ + "]", violations);
    }
  }

  private static void definition(JsonNode root, JsonNode definition, String where, List<String> violations) {
    if (!definition.isObject()) {
      return;
    }
    onlyMembers(definition, DEFINITION_MEMBERS, where, violations);
    JsonNode resolution = definition.get("StorageResolution");
    if (resolution != null && !(resolution.canConvertToExactIntegral()
        && STORAGE_RESOLUTIONS.contains(resolution.asInt()))) {
      violations.add(where + ".StorageResolution is neither 1 nor 60: " + resolution);
    }
    JsonNode name = definition.path("Name");
    if (!name.isTextual()) {
      return;
    }
    // "Metric targets MUST be either a numeric value or an array of numeric values", at most 100 of them.
    JsonNode target = target(root, name);
    if (target == null) {
      violations.add(where + " names metric " + name + ", which is not a member of the root node");
    } else if (target.isArray()) {
      if (target.size() > MAX_METRIC_VALUES) {
        violations.add(where + " names metric " + name + ", whose array holds more than 100 values");
      }
      for (JsonNode value : target) {
        if (!value.isNumber()) {
          violations.add(where + " names metric " + name + ", whose array holds a value that is not a number");
        }
      }
    } else if (!target.isNumber()) {
      violations.add(where + " names metric " + name + ", whose value is not a number: " + target);
    }
  }

  /**
   * The root member a reference value names: "Valid targets MUST be members on the root node and cannot be nested
   * objects"; {@code "A.a"} names the member called {@code A.a}, never {@code a} inside {@code A}. The metadata
   * object is not a target. Null when there is no such member.
   */
  private static JsonNode target(JsonNode root, JsonNode reference) {
    if (!reference.isTextual() || "_aws".equals(reference.textValue())) {
      return null;
    }
    return root.get(reference.textValue());
  }

  private static void onlyMembers(JsonNode object, Set<String> allowed, String where, List<String> violations) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        violations.add(where + " has a member the specification does not define: " + name);
      }
    }
  }

  private static Schema loadSchema() {
    try (InputStream in = EmfValidator.class.getResourceAsStream("/emf/embedded-metric-format.schema.json")) {
      if (in == null) {
        throw new IllegalStateException("the embedded metric format schema is missing from the test resources");
      }
      // The schema names no draft; its keywords ("examples", "$id") are draft 6 and 7's.
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
