package dev.tokengate.localgateway;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * What the functions' EMF documents add up to while local-gateway runs: per namespace, metric and dimension values
 * (each dimension set of a directive is a metric of its own in CloudWatch), the number of values and their sum, and
 * for a metric whose unit is not {@code Count} also the smallest, the mean and the largest. Thread-safe.
 */
final class MetricsSummary {

  /** One CloudWatch metric: what the console lists as one line. */
  private record Series(String namespace, String metric, Optional<String> unit, Map<String, String> dimensions) {}

  private static final class Totals {
    long count;
    double sum;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;

    void add(double value) {
      count++;
      sum += value;
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
  }

  private final Map<Series, Totals> totals = new LinkedHashMap<>();

  synchronized void add(EmfDocument document) {
    for (EmfDocument.Directive directive : document.directives()) {
      List<Map<String, String>> sets = directive.dimensionSets().isEmpty()
          ? List.of(Map.of()) : directive.dimensionSets();
      for (Map<String, String> dimensions : sets) {
        for (EmfDocument.Metric metric : directive.metrics()) {
          Totals series = totals.computeIfAbsent(
              new Series(directive.namespace(), metric.name(), metric.unit(), dimensions), key -> new Totals());
          metric.values().forEach(series::add);
        }
      }
    }
  }

  /** The summary's lines, in the order the metrics first arrived; empty when none did. */
  synchronized List<String> lines() {
    List<String> lines = new ArrayList<>();
    if (totals.isEmpty()) {
      return lines;
    }
    lines.add("local-gateway: metrics the functions sent (EMF), as CloudWatch would have extracted them:");
    totals.forEach((series, total) -> {
      StringBuilder line = new StringBuilder("  ").append(series.namespace()).append(' ').append(series.metric());
      series.unit().ifPresent(unit -> line.append(' ').append(unit));
      if (!series.dimensions().isEmpty()) {
        line.append(' ').append(dimensions(series.dimensions()));
      }
      line.append(": count ").append(total.count).append(", sum ").append(number(total.sum));
      if (!series.unit().equals(Optional.of("Count"))) {
        line.append(", min ").append(number(total.min)).append(", avg ").append(number(total.sum / total.count))
            .append(", max ").append(number(total.max));
      }
      lines.add(line.toString());
    });
    return lines;
  }

  /** {@code [decision=deny reason=token_expired]}. */
  static String dimensions(Map<String, String> dimensions) {
    StringJoiner text = new StringJoiner(" ", "[", "]");
    dimensions.forEach((key, value) -> text.add(key + "=" + value));
    return text.toString();
  }

  /** A whole number without a fraction, anything else rounded to at most three decimals. */
  static String number(double value) {
    return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }
}
