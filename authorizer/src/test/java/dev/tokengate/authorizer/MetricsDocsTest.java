package dev.tokengate.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tokengate.core.Decision;
import dev.tokengate.core.config.AuthorizerConfig;
import dev.tokengate.core.policy.AuthorizerResponse;
import dev.tokengate.core.verify.Reason;
import dev.tokengate.core.verify.Verdict;
import dev.tokengate.testing.MarkdownTable;
import dev.tokengate.testing.TestTokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/reference/metrics.md and the decision log table of docs/reference/reasons.md say what the authorizer
 * writes: the tables are compared with the lines of every decision the authorizer can make.
 */
class MetricsDocsTest {

  private static final Path REFERENCE = MarkdownTable.repositoryRoot().resolve("docs/reference");
  private static final Path METRICS = REFERENCE.resolve("metrics.md");

  /** The line of every decision there can be: each outcome with each reason it can carry. */
  private static final List<JsonNode> LINES = new ArrayList<>();

  @BeforeAll
  static void writeEveryPossibleDecision() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DecisionLog log = DecisionLog.of(new JsonFactory(), new PrintStream(out, true, StandardCharsets.UTF_8),
        AuthorizerConfig.builder().secret(TestTokens.SECRET).build(), TestTokens.CLOCK);
    AuthorizerResponse policy = new AuthorizerResponse("alice",
        new AuthorizerResponse.PolicyDocument("2012-10-17", List.of()), Map.of());
    String header = "Bearer " + TestTokens.valid();

    log.decision(new Decision.Allow(new Verdict.Allowed("alice", Map.of(), Map.of(), Optional.empty()), policy),
        header, System.nanoTime());
    for (Reason reason : Reason.values()) {
      log.decision(new Decision.Deny(new Verdict.Denied(reason, Optional.empty()), policy), header,
          System.nanoTime());
      // INVALID_TOKEN_RESPONSE=unauthorized: the same reasons, answered with a 401.
      log.decision(new Decision.Unauthorized(reason.code(), Optional.empty()), header, System.nanoTime());
    }
    for (String code : Decision.Unauthorized.CODES) {
      log.decision(new Decision.Unauthorized(code, Optional.empty()), header, System.nanoTime());
    }
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      LINES.add(EmfValidator.requireValid(line));
    }
  }

  @Test
  void metricTableNamesEachMetricWithItsUnit() {
    List<List<String>> written = new ArrayList<>();
    for (JsonNode metric : directive(LINES.get(0)).path("Metrics")) {
      written.add(List.of(metric.path("Name").textValue(), metric.path("Unit").textValue()));
    }

    assertThat(MarkdownTable.rowsUnder(METRICS, "Metrics").stream().map(row -> row.subList(0, 2)))
        .containsExactlyElementsOf(written);
  }

  @Test
  void dimensionTableListsEachDimensionSetWritten() {
    assertThat(column(METRICS, "Dimensions")).containsExactlyElementsOf(combinationsByDimensionSet().keySet());
  }

  @Test
  void countOfCustomMetricsIsWhatTheDecisionsCanMake() {
    int metricsPerCombination = directive(LINES.get(0)).path("Metrics").size();
    List<List<String>> expected = new ArrayList<>();
    int combinations = 0;
    for (Map.Entry<String, Set<String>> set : combinationsByDimensionSet().entrySet()) {
      int size = set.getValue().size();
      expected.add(List.of(set.getKey(), Integer.toString(size), Integer.toString(size * metricsPerCombination)));
      combinations += size;
    }
    expected.add(List.of("total", Integer.toString(combinations), Integer.toString(
        combinations * metricsPerCombination)));

    assertThat(MarkdownTable.rowsUnder(METRICS, "How many custom metrics").stream()
            .map(row -> List.of(row.get(0).replace("`", ""), row.get(1), row.get(2))))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void decisionLogTableListsEachMemberOfADecisionLineInOrder() {
    List<String> members = new ArrayList<>();
    LINES.get(LINES.size() - 1).fieldNames().forEachRemaining(members::add);

    assertThat(column(REFERENCE.resolve("reasons.md"), "Decision log")).containsExactlyElementsOf(members);
  }

  /**
   * For each dimension set the lines use ({@code decision, reason}), the distinct value combinations they give:
   * each is a custom metric per metric name.
   */
  private static Map<String, Set<String>> combinationsByDimensionSet() {
    Map<String, Set<String>> combinations = new LinkedHashMap<>();
    for (JsonNode line : LINES) {
      for (JsonNode set : directive(line).path("Dimensions")) {
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        set.forEach(key -> {
          keys.add(key.textValue());
          values.add(line.path(key.textValue()).textValue());
        });
        combinations.computeIfAbsent(String.join(", ", keys), k -> new LinkedHashSet<>())
            .add(String.join(",", values));
      }
    }
    return combinations;
  }

  private static JsonNode directive(JsonNode line) {
    return line.path("_aws").path("CloudWatchMetrics").get(0);
  }

  /** The first column of the table under {@code heading}, without the code marks around names. */
  private static List<String> column(Path file, String heading) {
    return MarkdownTable.column(file, heading, 0).stream().map(cell -> cell.replace("`", "")).toList();
  }
}
