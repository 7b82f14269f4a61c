package dev.tokengate.localgateway;

import static dev.tokengate.localgateway.EmfDocumentTest.DECISION;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionOutputTest {

  private final List<String> log = new ArrayList<>();
  private final FunctionOutput output = new FunctionOutput(log::add);

  @Test
  void printsAnEmfDocumentAsItsMetricsAndItsOtherMembersAndAddsItToTheSummary() {
    output.of("AuthorizerFunction").accept(DECISION);

    assertThat(log).containsExactly(
        "[AuthorizerFunction] metric tokengate decisions=1 Count, latencyUs=41 Microseconds"
            + " [decision=deny reason=token_expired]",
        "[AuthorizerFunction] {\"principal\":null,\"token\":\"1f3a9c0b\"}");
    assertThat(output.summary()).contains("  tokengate decisions Count [decision=deny]: count 1, sum 1");
  }

  @Test
  void printsOneLinePerDirectiveAndValueArraysAndNoOtherMembersWhenThereAreNone() {
    output.print("Fn", "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":["
        + "{\"Namespace\":\"a\",\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"t\",\"Unit\":\"Milliseconds\"}]},"
        + "{\"Namespace\":\"b\",\"Dimensions\":[],\"Metrics\":[{\"Name\":\"n\"}]}]},\"t\":[1.5,2],\"n\":3}");

    assertThat(log).containsExactly("[Fn] metric a t=1.5,2 Milliseconds", "[Fn] metric b n=3");
  }

  @Test
  void printsOrdinaryLinesAsTheyAreAndABrokenDocumentWithWhy() {
    output.print("Fn", "hello");
    output.print("Fn", "{\"decision\":\"allow\"}");
    output.print("Fn", "{\"_aws\":{\"Timestamp\":1}}");

    assertThat(log).containsExactly("[Fn] hello", "[Fn] {\"decision\":\"allow\"}", "[Fn] {\"_aws\":{\"Timestamp\":1}}",
        "[Fn] (not valid EMF, CloudWatch would extract no metric from it: _aws.CloudWatchMetrics is missing or not"
            + " an array)");
    assertThat(output.summary()).isEmpty();
  }
}
