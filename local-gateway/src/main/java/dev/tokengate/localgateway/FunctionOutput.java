package dev.tokengate.localgateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * Prints what the functions print, each line prefixed with the function's name as in its CloudWatch log. A line
 * that is an EMF document ({@link EmfDocument}) is printed as the metrics CloudWatch would extract from it, one line
 * per metric directive, then its other members, and is added to the {@link MetricsSummary}; a line meant as EMF that
 * the specification does not accept is printed as it is, with why. Thread-safe.
 */
final class FunctionOutput {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Consumer<String> log;
  private final MetricsSummary metrics = new MetricsSummary();

  FunctionOutput(Consumer<String> log) {
    this.log = log;
  }

  /** Where the lines of one function go. */
  Consumer<String> of(String functionName) {
    return line -> print(functionName, line);
  }

  /** The summary of every metric received so far, for the end of the run; empty when none was. */
  List<String> summary() {
    return metrics.lines();
  }

  void print(String functionName, String line) {
    String prefix = "[" + functionName + "] ";
    EmfDocument.Reading reading = EmfDocument.read(line);
    if (reading instanceof EmfDocument.Valid valid) {
      metrics.add(valid.document());
      readable(valid.document()).forEach(text -> log.accept(prefix + text));
      return;
    }
    log.accept(prefix + line);
    if (reading instanceof EmfDocument.Invalid invalid) {
      log.accept(prefix + "(not valid EMF, CloudWatch would extract no metric from it: " + invalid.problem() + ")");
    }
  }

  /**
   * {@code metric tokengate decisions=1 Count, latencyUs=41 Microseconds [decision=deny reason=token_expired]}
   * per directive, then the document's other members as one JSON object, when it has any.
   */
  static List<String> readable(EmfDocument document) {
    List<String> lines = new ArrayList<>();
    for (EmfDocument.Directive directive : document.directives()) {
      StringJoiner metrics = new StringJoiner(", ");
      for (EmfDocument.Metric metric : directive.metrics()) {
        StringJoiner values = new StringJoiner(",");
        metric.values().forEach(value -> values.add(MetricsSummary.number(value)));
        metrics.add(metric.name() + "=" + values + metric.unit().map(unit -> " " + unit).orElse(""));
      }
      String dimensions = directive.dimensions().isEmpty()
          ? "" : " " + MetricsSummary.dimensions(directive.dimensions());
      lines.add("metric " + directive.namespace() + " " + metrics + dimensions);
    }
    if (!document.properties().isEmpty()) {
      try {
        lines.add(JSON.writeValueAsString(document.properties()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot happen: parsed JSON always serializes", e);
      }
    }
    return lines;
  }
}
