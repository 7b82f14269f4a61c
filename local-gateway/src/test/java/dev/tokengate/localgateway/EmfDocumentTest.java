package dev.tokengate.localgateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Lines read by the EMF specification: documents, ordinary lines, and documents CloudWatch would not accept. */
class EmfDocumentTest {

  static final String DECISION = "{\"decision\":\"deny\",\"reason\":\"token_expired\",\"principal\":null,"
      + "\"token\":\"1f3a9c0b\",\"latencyUs\":41,\"decisions\":1,\"_aws\":{\"Timestamp\":1764691200000,"
      + "\"CloudWatchMetrics\":[{\"Namespace\":\"tokengate\",\"Dimensions\":[[\"decision\"],[\"decision\",\"reason\"]],"
      + "\"Metrics\":[{\"Name\":\"decisions\",\"Unit\":\"Count\"},{\"Name\":\"latencyUs\",\"Unit\":\"Microseconds\"}]}]}}";

  @Test
  void readsTheMetricsDimensionsAndOtherMembersOfADocument() {
    EmfDocument document = valid(DECISION);

    assertThat(document.directives()).singleElement().satisfies(directive -> {
      assertThat(directive.namespace()).isEqualTo("tokengate");
      assertThat(directive.dimensionSets()).containsExactly(Map.of("decision", "deny"),
          Map.of("decision", "deny", "reason", "token_expired"));
      assertThat(directive.dimensions()).containsExactly(Map.entry("decision", "deny"),
          Map.entry("reason", "token_expired"));
      assertThat(directive.metrics()).containsExactly(
          new EmfDocument.Metric("decisions", Optional.of("Count"), List.of(1.0)),
          new EmfDocument.Metric("latencyUs", Optional.of("Microseconds"), List.of(41.0)));
    });
    assertThat(document.properties()).containsOnlyKeys("principal", "token");
  }

  @Test
  void readsAnyNamespaceSeveralDirectivesValueArraysAndMetricsWithoutUnitOrDimensions() {
    EmfDocument document = valid("{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":["
        + "{\"Namespace\":\"shop/orders\",\"Dimensions\":[[\"Service\"]],\"Metrics\":[{\"Name\":\"Time\","
        + "\"Unit\":\"Milliseconds\",\"StorageResolution\":1}]},"
        + "{\"Namespace\":\"other\",\"Dimensions\":[],\"Metrics\":[{\"Name\":\"Items\"}]}]},"
        + "\"Service\":\"cart\",\"Time\":[1.5,2,3],\"Items\":7}");

    assertThat(document.directives()).hasSize(2);
    assertThat(document.directives().get(0).metrics().get(0).values()).containsExactly(1.5, 2.0, 3.0);
    assertThat(document.directives().get(1).dimensionSets()).isEmpty();
    assertThat(document.directives().get(1).metrics().get(0).unit()).isEmpty();
    assertThat(document.properties()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "plain text", "START RequestId: 1 Version: $LATEST", "[1,2]",
      "{\"decision\":\"allow\",\"latencyUs\":3}", "{\"_aws\":1", "{\"a\":1} trailing", "{\"a\":1}{\"b\":2}",
      "{not json}"})
  void leavesOrdinaryAndMalformedLinesAlone(String line) {
    assertThat(EmfDocument.read(line)).isInstanceOf(EmfDocument.NotEmf.class);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"_aws\":[]} | _aws is not an object",
      "{\"_aws\":{\"CloudWatchMetrics\":[]}} | Timestamp is missing",
      "{\"_aws\":{\"Timestamp\":\"now\",\"CloudWatchMetrics\":[]}} | Timestamp is missing or not a number",
      "{\"_aws\":{\"Timestamp\":1}} | CloudWatchMetrics is missing",
      "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":{}}} | CloudWatchMetrics is missing or not an array",
      "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[1]}} | is not an object",
      "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Dimensions\":[],\"Metrics\":[]}]}} | no Namespace",
      "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"\",\"Dimensions\":[],\"Metrics\":[]}]}} | no Namespace",
      "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Metrics\":[]}]}} | Dimensions is missing",
      "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[\"d\"],\"Metrics\":[]}],\"d\":\"x\"}} | not an array",
      "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[[\"d\"]],\"Metrics\":[]}]}} | dimension \"d\" has no string value",
      "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[[\"d\"]],\"Metrics\":[]}]},\"d\":3} | dimension \"d\" has no string value",
      "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[[7]],\"Metrics\":[]}]}} | dimension 7 has no string value",
      "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[]}]}} | Metrics is missing",
      "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[],\"Metrics\":[{}]}]}} | a metric definition has no Name",
      "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[],\"Metrics\":[{\"Name\":\"m\"}]}]}} | metric m has no number",
      "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[],\"Metrics\":[{\"Name\":\"m\"}]}]},\"m\":\"1\"} | metric m has no number",
      "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[],\"Metrics\":[{\"Name\":\"m\"}]}]},\"m\":[]} | metric m has no number",
      "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[],\"Metrics\":[{\"Name\":\"m\"}]}]},\"m\":[1,\"2\"]} | metric m has no number",
      "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[],\"Metrics\":[{\"Name\":\"m\"}]}]},\"m\":1e400} | metric m has no number",
      "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[],\"Metrics\":[{\"Name\":\"m\",\"Unit\":\"Microsecond\"}]}]},\"m\":1} | Unit \"Microsecond\", which is not a CloudWatch unit",
      "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[],\"Metrics\":[{\"Name\":\"m\",\"StorageResolution\":30}]}]},\"m\":1} | StorageResolution 30; it must be 1 or 60"})
  void saysWhyADocumentWithAwsIsNotAccepted(String line, String problem) {
    assertThat(EmfDocument.read(line)).isInstanceOfSatisfying(EmfDocument.Invalid.class,
        invalid -> assertThat(invalid.problem()).contains(problem));
  }

  @Test
  void holdsTheSpecificationsLimits() {
    String dimensions = "[" + "\"d\",".repeat(EmfDocument.MAX_DIMENSIONS) + "\"d\"]";
    String metrics = "[" + "{\"Name\":\"m\"},".repeat(EmfDocument.MAX_METRICS) + "{\"Name\":\"m\"}]";
    String values = "[" + "1,".repeat(EmfDocument.MAX_VALUES) + "1]";

    assertThat(EmfDocument.read(document("[" + dimensions + "]", "[{\"Name\":\"m\"}]", "1")))
        .isInstanceOf(EmfDocument.Invalid.class);
    assertThat(EmfDocument.read(document("[]", metrics, "1"))).isInstanceOf(EmfDocument.Invalid.class);
    assertThat(EmfDocument.read(document("[]", "[{\"Name\":\"m\"}]", values))).isInstanceOf(EmfDocument.Invalid.class);
    assertThat(EmfDocument.read(document("[]", "[{\"Name\":\"m\"}]", values.replaceFirst("1,", ""))))
        .isInstanceOf(EmfDocument.Valid.class);
  }

  private static String document(String dimensions, String metrics, String value) {
    return "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":" + dimensions
        + ",\"Metrics\":" + metrics + "}]},\"d\":\"x\",\"m\":" + value + "}";
  }

  static EmfDocument valid(String line) {
    EmfDocument.Reading reading = EmfDocument.read(line);
    assertThat(reading).isInstanceOf(EmfDocument.Valid.class);
    return ((EmfDocument.Valid) reading).document();
  }
}
