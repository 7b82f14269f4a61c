package dev.tokengate.localgateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the route for a request as API Gateway does: a literal path segment beats a {@code {param}}, which beats
 * a greedy {@code {proxy+}}; a route's own method beats {@code ANY}. Immutable and thread-safe.
 */
final class RouteTable {

  /** A matched route and the values of its path parameters, URL-decoded. */
  record Match(Route route, Map<String, String> pathParameters) {}

  private record Candidate(Route route, List<String> segments) {}

  private final List<Candidate> candidates;

  /** @throws TemplateException when two routes declare the same method and resource */
  RouteTable(List<Route> routes) {
    List<Candidate> list = new ArrayList<>();
    for (Route route : routes) {
      for (Candidate existing : list) {
        if (existing.route().method().equals(route.method()) && existing.route().resource().equals(route.resource())) {
          throw new TemplateException("two Api events declare " + route.method() + " " + route.resource()
              + " (" + existing.route().functionName() + " and " + route.functionName() + ")");
        }
      }
      list.add(new Candidate(route, segments(route.resource())));
    }
    this.candidates = List.copyOf(list);
  }

  List<Route> routes() {
    return candidates.stream().map(Candidate::route).toList();
  }

  Optional<Match> match(String method, String path) {
    List<String> request = segments(path);
    return candidates.stream()
        .filter(candidate -> candidate.route().method().equals(method) || candidate.route().method().equals("ANY"))
        .map(candidate -> bind(candidate, request).map(parameters -> new Scored(candidate, parameters)))
        .flatMap(Optional::stream)
        .min(Comparator.comparing((Scored scored) -> rank(scored.candidate().segments()))
            .thenComparing(scored -> scored.candidate().route().method().equals("ANY")))
        .map(scored -> new Match(scored.candidate().route(), scored.parameters()));
  }

  private record Scored(Candidate candidate, Map<String, String> parameters) {}

  private static Optional<Map<String, String>> bind(Candidate candidate, List<String> request) {
    List<String> declared = candidate.segments();
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < declared.size(); i++) {
      String segment = declared.get(i);
      if (isGreedy(segment)) {
        if (i >= request.size()) {
          return Optional.empty();
        }
        parameters.put(name(segment),
            String.join("/", request.subList(i, request.size()).stream().map(RouteTable::decode).toList()));
        return Optional.of(parameters);
      }
      if (i >= request.size()) {
        return Optional.empty();
      }
      if (isParameter(segment)) {
        parameters.put(name(segment), decode(request.get(i)));
      } else if (!segment.equals(request.get(i))) {
        return Optional.empty();
      }
    }
    return declared.size() == request.size() ? Optional.of(parameters) : Optional.empty();
  }

  /** Sort key: one digit per segment, 0 literal, 1 parameter, 2 greedy; lower is more specific. */
  private static String rank(List<String> segments) {
    StringBuilder rank = new StringBuilder();
    for (String segment : segments) {
      rank.append(isGreedy(segment) ? '2' : isParameter(segment) ? '1' : '0');
    }
    return rank.append('3').toString();
  }

  /** Percent-decoding only: in a path, {@code +} is a plus sign. */
  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static boolean isParameter(String segment) {
    return segment.startsWith("{") && segment.endsWith("}");
  }

  private static boolean isGreedy(String segment) {
    return isParameter(segment) && segment.endsWith("+}");
  }

  private static String name(String segment) {
    return segment.substring(1, segment.length() - (isGreedy(segment) ? 2 : 1));
  }

  private static List<String> segments(String path) {
    return Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
  }
}
