package dev.tokengate.authorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The validator accepts the specification's own example and rejects each thing the specification forbids: proof
 * that a decision line it accepts is valid because of the specification, not because of a copy of our output.
 */
class EmfValidatorTest {

  /** The valid example of "Specification: Embedded metric format", as published. */
  private static final String SPECIFICATION_EXAMPLE = """
      {
        "_aws": {
          "Timestamp": 1574109732004,
          "CloudWatchMetrics": [
            {
              "Namespace": "lambda-function-metrics",
              "Dimensions": [["functionVersion"]],
              "Metrics": [
                {
                  "Name": "time",
                  "Unit": "Milliseconds",
                  "StorageResolution": 60
                }
              ]
            }
          ]
        },
        "functionVersion": "$LATEST",
        "time": 100,
        "requestId": "989ffbf8-9ace-4817-a57c-e4dd734019ee"
      }""";

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void acceptsTheSpecificationsExample() {
    assertThat(EmfValidator.violations(SPECIFICATION_EXAMPLE)).isEmpty();
    assertThat(EmfValidator.requireValid(SPECIFICATION_EXAMPLE).path("time").intValue()).isEqualTo(100);
  }

  @Test
  void acceptsWhatTheSpecificationAllowsBeyondItsExample() throws IOException {
    ObjectNode document = example();
    // "A DimensionSet MAY be empty"; a metric target may be an array of up to 100 numbers; Unit and
    // StorageResolution are optional; the root node "MAY contain any other members".
    directive(document).withArray("Dimensions").addArray();
    ArrayNode values = document.putArray("time");
    for (int i = 0; i < EmfValidator.MAX_METRIC_VALUES; i++) {
      values.add(i * 0.5);
    }
    definition(document).remove("Unit");
    definition(document).put("StorageResolution", 1);
    document.putObject("nested").put("anything", true);
    directive(document).put("Namespace", "tokengate/stack-1 #a:b_c.d");

    assertThat(EmfValidator.violations(document.toString())).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenDocuments")
  void rejectsWhatTheSpecificationForbids(String what, Consumer<ObjectNode> breakIt, String expected)
      throws IOException {
    ObjectNode document = example();
    breakIt.accept(document);

    assertThat(EmfValidator.violations(document.toString())).as(what).anySatisfy(
        violation -> assertThat(violation).contains(expected));
    assertThatThrownBy(() -> EmfValidator.requireValid(document.toString())).isInstanceOf(AssertionError.class);
  }

  static Stream<Arguments> brokenDocuments() {
    return Stream.of(
        broken("no metadata", root -> root.remove("_aws"), "required property '_aws'"),
        broken("metadata not an object", root -> root.put("_aws", "metrics"), "string found, object expected"),
        broken("no Timestamp", root -> aws(root).remove("Timestamp"), "Timestamp"),
        broken("Timestamp a string", root -> aws(root).put("Timestamp", "1574109732004"), "integer expected"),
        broken("Timestamp in fractional seconds", root -> aws(root).put("Timestamp", 1574109732.004),
            "integer expected"),
        broken("Timestamp before 1970", root -> aws(root).put("Timestamp", -1), "milliseconds after 1970"),
        broken("no CloudWatchMetrics", root -> aws(root).remove("CloudWatchMetrics"), "CloudWatchMetrics"),
        broken("a member _aws does not define", root -> aws(root).put("LogGroupName", "x"), "LogGroupName"),
        broken("no Namespace", root -> directive(root).remove("Namespace"), "Namespace"),
        broken("a Namespace kept for AWS", root -> directive(root).put("Namespace", "AWS/Lambda"),
            "not a CloudWatch namespace"),
        broken("a Namespace over 255 characters", root -> directive(root).put("Namespace", "n".repeat(256)),
            "not a CloudWatch namespace"),
        broken("a Namespace with a character CloudWatch refuses",
            root -> directive(root).put("Namespace", "token\"gate"), "not a CloudWatch namespace"),
        broken("a Namespace of spaces", root -> directive(root).put("Namespace", "   "),
            "not a CloudWatch namespace"),
        broken("an empty Namespace", root -> directive(root).put("Namespace", ""), "Namespace"),
        broken("a member a directive does not define", root -> directive(root).put("Name", "x"), "Name"),
        broken("no Dimensions", root -> directive(root).remove("Dimensions"), "Dimensions"),
        broken("no DimensionSet", root -> directive(root).putArray("Dimensions"), "Dimensions"),
        broken("a DimensionSet of 31 keys", EmfValidatorTest::addThirtyOneDimensions, "Dimensions"),
        broken("a dimension naming no member", root -> root.remove("functionVersion"),
            "not a member of the root node"),
        broken("a dimension naming a number", root -> root.put("functionVersion", 1), "not a string"),
        broken("a dimension naming an empty string", root -> root.put("functionVersion", ""),
            "1 to 1024 characters"),
        broken("a dimension value over 1024 characters", root -> root.put("functionVersion", "v".repeat(1025)),
            "1 to 1024 characters"),
        broken("a dimension naming the metadata", root -> dimensionSet(root).set(0, JSON.getNodeFactory()
            .textNode("_aws")), "not a member of the root node"),
        broken("no Metrics", root -> directive(root).remove("Metrics"), "Metrics"),
        broken("101 MetricDefinitions", EmfValidatorTest::addHundredDefinitions, "more than 100 MetricDefinitions"),
        broken("a MetricDefinition without Name", root -> definition(root).remove("Name"), "Name"),
        broken("an unknown unit", root -> definition(root).put("Unit", "Microsecond"), "Unit"),
        broken("a unit in lower case", root -> definition(root).put("Unit", "count"), "Unit"),
        broken("a StorageResolution of 30", root -> definition(root).put("StorageResolution", 30),
            "neither 1 nor 60"),
        broken("a StorageResolution that is a string", root -> definition(root).put("StorageResolution", "60"),
            "StorageResolution"),
        broken("a member a MetricDefinition does not define", root -> definition(root).put("Units", "Count"),
            "Units"),
        broken("a metric naming no member", root -> root.remove("time"), "not a member of the root node"),
        broken("a metric naming a string", root -> root.put("time", "100"), "not a number"),
        broken("a metric naming a nested member", EmfValidatorTest::nestTheMetric, "not a member of the root node"),
        broken("a metric array holding a string", root -> root.putArray("time").add(1).add("2"), "not a number"),
        broken("a metric array of 101 numbers", EmfValidatorTest::addHundredAndOneValues, "more than 100 values"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "not json",
      "[{\"_aws\":{}}]",
      "\"_aws\"",
      "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[]}} trailing",
      "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[]},\"a\":1,\"a\":2}"})
  void rejectsALineThatIsNotExactlyOneJsonObject(String line) {
    assertThat(EmfValidator.violations(line)).isNotEmpty();
  }

  @Test
  void rejectsADocumentOverTheLogEventLimit() throws IOException {
    ObjectNode document = example();
    document.put("padding", "p".repeat(EmfValidator.MAX_DOCUMENT_BYTES));

    assertThat(EmfValidator.violations(document.toString())).containsExactly(
        "larger than the 1 MB a log event may hold");
  }

  private static Arguments broken(String what, Consumer<ObjectNode> breakIt, String expected) {
    return Arguments.of(what, breakIt, expected);
  }

  private static ObjectNode example() throws IOException {
    return (ObjectNode) JSON.readTree(SPECIFICATION_EXAMPLE);
  }

  private static ObjectNode aws(ObjectNode root) {
    return (ObjectNode) root.get("_aws");
  }

  private static ObjectNode directive(ObjectNode root) {
    return (ObjectNode) aws(root).get("CloudWatchMetrics").get(0);
  }

  private static ArrayNode dimensionSet(ObjectNode root) {
    return (ArrayNode) directive(root).get("Dimensions").get(0);
  }

  private static ObjectNode definition(ObjectNode root) {
    return (ObjectNode) directive(root).get("Metrics").get(0);
  }

  private static void addThirtyOneDimensions(ObjectNode root) {
    ArrayNode set = dimensionSet(root);
    for (int i = 0; i < 30; i++) {
      root.put("d" + i, "v");
      set.add("d" + i);
    }
  }

  private static void addHundredDefinitions(ObjectNode root) {
    ArrayNode metrics = (ArrayNode) directive(root).get("Metrics");
    for (int i = 0; i < EmfValidator.MAX_METRIC_DEFINITIONS; i++) {
      root.put("m" + i, i);
      metrics.addObject().put("Name", "m" + i);
    }
  }

  private static void nestTheMetric(ObjectNode root) {
    root.remove("time");
    root.putObject("timing").put("time", 100);
    definition(root).put("Name", "timing.time");
  }

  private static void addHundredAndOneValues(ObjectNode root) {
    ArrayNode values = root.putArray("time");
    for (int i = 0; i <= EmfValidator.MAX_METRIC_VALUES; i++) {
      values.add(i);
    }
  }
}
