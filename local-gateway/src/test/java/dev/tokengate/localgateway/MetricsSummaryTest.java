package dev.tokengate.localgateway;

import static dev.tokengate.localgateway.EmfDocumentTest.DECISION;
import static dev.tokengate.localgateway.EmfDocumentTest.valid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsSummaryTest {

  private final MetricsSummary summary = new MetricsSummary();

  @Test
  void saysNothingWhenNoMetricArrived() {
    assertThat(summary.lines()).isEmpty();
  }

  @Test
  void addsUpEachMetricPerDimensionSetWithMinAverageAndMaximumForWhatIsNotACount() {
    summary.add(valid(DECISION));
    summary.add(valid(DECISION.replace("\"latencyUs\":41", "\"latencyUs\":60")));
    summary.add(valid(DECISION.replace("\"deny\"", "\"allow\"").replace("\"latencyUs\":41", "\"latencyUs\":10")));

    assertThat(summary.lines()).containsExactly(
        "local-gateway: metrics the functions sent (EMF), as CloudWatch would have extracted them:",
        "  tokengate decisions Count [decision=deny]: count 2, sum 2",
        "  tokengate latencyUs Microseconds [decision=deny]: count 2, sum 101, min 41, avg 50.5, max 60",
        "  tokengate decisions Count [decision=deny reason=token_expired]: count 2, sum 2",
        "  tokengate latencyUs Microseconds [decision=deny reason=token_expired]: count 2, sum 101, min 41, avg 50.5,"
            + " max 60",
        "  tokengate decisions Count [decision=allow]: count 1, sum 1",
        "  tokengate latencyUs Microseconds [decision=allow]: count 1, sum 10, min 10, avg 10, max 10",
        "  tokengate decisions Count [decision=allow reason=token_expired]: count 1, sum 1",
        "  tokengate latencyUs Microseconds [decision=allow reason=token_expired]: count 1, sum 10, min 10, avg 10,"
            + " max 10");
  }

  @Test
  void countsEveryValueOfAnArrayAndKeepsAMetricWithoutDimensionsOrUnit() {
    summary.add(valid("{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[],"
        + "\"Metrics\":[{\"Name\":\"t\"}]}]},\"t\":[1,2,4]}"));

    assertThat(summary.lines()).contains("  n t: count 3, sum 7, min 1, avg 2.333, max 4");
  }

  @Test
  void printsWholeNumbersWithoutAFractionAndOthersWithAtMostThreeDecimals() {
    assertThat(MetricsSummary.number(41)).isEqualTo("41");
    assertThat(MetricsSummary.number(-3)).isEqualTo("-3");
    assertThat(MetricsSummary.number(0.5)).isEqualTo("0.5");
    assertThat(MetricsSummary.number(2.0 / 3)).isEqualTo("0.667");
    assertThat(MetricsSummary.number(40)).isEqualTo("40");
    assertThat(MetricsSummary.number(0.0004)).isEqualTo("0");
    assertThat(MetricsSummary.number(1e20)).isEqualTo("100000000000000000000");
  }
}
