package dev.tokengate.localgateway;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway responses of one API: API Gateway's built-in ones, overridden by the template's
 * {@code GatewayResponses} (a specific type first, then {@code DEFAULT_4XX} or {@code DEFAULT_5XX}), rendered with
 * the request's {@code $context} variables. Immutable and thread-safe.
 */
final class GatewayResponses {

  /** The responses local-gateway produces, with API Gateway's default status and message. */
  enum Type {
    UNAUTHORIZED("UNAUTHORIZED", 401, "Unauthorized"),
    ACCESS_DENIED("ACCESS_DENIED", 403, "User is not authorized to access this resource"),
    MISSING_AUTHENTICATION_TOKEN("MISSING_AUTHENTICATION_TOKEN", 403, "Missing Authentication Token"),
    // API Gateway answers a failing authorizer with {"message":null}.
    AUTHORIZER_FAILURE("AUTHORIZER_FAILURE", 500, null),
    AUTHORIZER_CONFIGURATION_ERROR("AUTHORIZER_CONFIGURATION_ERROR", 500, null),
    REQUEST_TOO_LARGE("REQUEST_TOO_LARGE", 413, "Request Too Long"),
    INTEGRATION_TIMEOUT("INTEGRATION_TIMEOUT", 504, "Endpoint request timed out"),
    /** A function error or a malformed Lambda proxy response: 502, customisable only through DEFAULT_5XX. */
    LAMBDA_ERROR(null, 502, "Internal server error");

    private final String key;
    private final int status;
    private final String message;

    Type(String key, int status, String message) {
      this.key = key;
      this.status = status;
      this.message = message;
    }

    int status() {
      return status;
    }

    String defaultMessage() {
      return message;
    }

    private String familyKey() {
      return status < 500 ? "DEFAULT_4XX" : "DEFAULT_5XX";
    }
  }

  /**
   * One entry of the template's {@code GatewayResponses}.
   *
   * @param headers header name to a mapping expression: {@code 'static'}, {@code method.request.header.X},
   *     {@code method.request.querystring.X} or {@code context.X}
   * @param template the body template ({@code application/json} preferred), with {@code $context.*} variables
   */
  record Custom(Optional<Integer> status, Map<String, String> headers, Optional<String> template) {

    Custom {
      headers = Map.copyOf(headers);
    }
  }

  /**
   * What a response is rendered from: the message and the variables of {@code $context}, flattened
   * ({@code authorizer.message}, {@code requestId}, ...), and the request's headers and query string.
   */
  record Request(
      String message,
      Map<String, String> context,
      Function<String, Optional<String>> header,
      Function<String, Optional<String>> queryParameter) {}

  private static final String DEFAULT_TEMPLATE = "{\"message\":$context.error.messageString}";
  // A bare $context.a.b ends at its last letter or digit, so a full stop after it stays text. No nested
  // quantifiers: matching stays linear whatever the template holds.
  private static final Pattern VARIABLE = Pattern.compile(
      "\\$!?\\{context\\.([A-Za-z0-9_.]+)}|\\$!?context\\.([A-Za-z0-9_][A-Za-z0-9_.]*(?<!\\.))");
  private static final JsonStringEncoder JSON = JsonStringEncoder.getInstance();

  private final Map<String, Custom> custom;

  GatewayResponses(Map<String, Custom> custom) {
    this.custom = Map.copyOf(custom);
  }

  static GatewayResponses defaults() {
    return new GatewayResponses(Map.of());
  }

  /** Renders {@code type} for one request; {@code request.message()} null renders as JSON {@code null}. */
  HttpReply render(Type type, Request request) {
    Optional<Custom> specific = Optional.ofNullable(type.key).map(custom::get);
    Optional<Custom> chosen = specific.or(() -> Optional.ofNullable(custom.get(type.familyKey())));
    int status = specific.flatMap(Custom::status).orElse(type.status);
    String template = chosen.flatMap(Custom::template).orElse(DEFAULT_TEMPLATE);

    Map<String, String> variables = new LinkedHashMap<>(request.context());
    variables.put("error.message", request.message() == null ? "" : request.message());
    variables.put("error.responseType", type.key == null ? type.familyKey() : type.key);

    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of("application/json"));
    chosen.ifPresent(response -> response.headers().forEach((name, mapping) ->
        headerValue(mapping, variables, request).ifPresent(value -> headers.put(name, List.of(value)))));
    String body = substitute(template, variables, messageString(request.message()));
    return new HttpReply(status, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether a header mapping of the template is one this class can evaluate. */
  static boolean isSupportedHeaderMapping(String mapping) {
    return isStatic(mapping) || mapping.startsWith("method.request.header.")
        || mapping.startsWith("method.request.querystring.") || mapping.startsWith("context.");
  }

  private static Optional<String> headerValue(String mapping, Map<String, String> variables, Request request) {
    if (isStatic(mapping)) {
      return Optional.of(mapping.substring(1, mapping.length() - 1));
    }
    if (mapping.startsWith("method.request.header.")) {
      return request.header().apply(mapping.substring("method.request.header.".length()));
    }
    if (mapping.startsWith("method.request.querystring.")) {
      return request.queryParameter().apply(mapping.substring("method.request.querystring.".length()));
    }
    return Optional.ofNullable(variables.get(mapping.substring("context.".length())));
  }

  private static boolean isStatic(String mapping) {
    return mapping.length() >= 2 && mapping.startsWith("'") && mapping.endsWith("'");
  }

  /**
   * Replaces each {@code $context.x} by its value, JSON-escaped so that a value from the authorizer can never
   * break out of the string it is written into; unknown variables render empty, as in API Gateway.
   */
  private static String substitute(String template, Map<String, String> variables, String messageString) {
    Matcher matcher = VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
      String value = name.equals("error.messageString")
          ? messageString
          : new String(JSON.quoteAsString(variables.getOrDefault(name, "")));
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** {@code $context.error.messageString}: the message as a JSON string literal, or {@code null}. */
  private static String messageString(String message) {
    return message == null ? "null" : "\"" + new String(JSON.quoteAsString(message)) + "\"";
  }
}
