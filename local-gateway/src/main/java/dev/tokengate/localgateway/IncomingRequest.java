package dev.tokengate.localgateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as local-gateway received it.
 *
 * @param path the raw (still percent-encoded) path
 * @param rawQuery the raw query string, or null
 * @param headers header names as the HTTP server reports them, each with its values in order
 */
record IncomingRequest(
    String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body, String sourceIp) {

  IncomingRequest {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = Collections.unmodifiableMap(copy);
  }

  /** The last value of a header, its name compared without regard to case, as HTTP wants. */
  Optional<String> header(String name) {
    return headers.entrySet().stream()
        .filter(entry -> Ascii.equalsIgnoreCase(entry.getKey(), name) && !entry.getValue().isEmpty())
        .map(entry -> entry.getValue().get(entry.getValue().size() - 1))
        .reduce((first, second) -> second);
  }

  /** The query string's parameters, decoded, each with its values in order. */
  Map<String, List<String>> queryParameters() {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }
    return parameters;
  }

  Optional<String> queryParameter(String name) {
    List<String> values = queryParameters().get(name);
    return values == null ? Optional.empty() : Optional.of(values.get(values.size() - 1));
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
