package dev.tokengate.localgateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a Lambda proxy response ({@code APIGatewayProxyResponseEvent}) with API Gateway's rules. */
final class ProxyResponse {

  /** API Gateway answers any other key with 502 "Malformed Lambda proxy response". */
  private static final Set<String> KEYS = Set.of("statusCode", "headers", "multiValueHeaders", "body",
      "isBase64Encoded");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The function's payload is not a Lambda proxy response. */
  static final class MalformedResponseException extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedResponseException(String message) {
      super(message);
    }
  }

  private ProxyResponse() {}

  static HttpReply parse(byte[] payload) throws MalformedResponseException {
    JsonNode response;
    try {
      response = JSON.readTree(payload);
    } catch (IOException e) {
      throw new MalformedResponseException("the response is not JSON");
    }
    if (response == null || !response.isObject()) {
      throw new MalformedResponseException("the response is not a JSON object");
    }
    for (var field : response.properties()) {
      if (!KEYS.contains(field.getKey())) {
        throw new MalformedResponseException("the response has an unexpected key " + field.getKey());
      }
    }
    JsonNode statusCode = response.get("statusCode");
    if (statusCode == null || !statusCode.canConvertToInt() || statusCode.asInt() < 100 || statusCode.asInt() > 599) {
      throw new MalformedResponseException("statusCode is missing or not an HTTP status");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    JsonNode single = response.path("headers");
    if (single.isObject()) {
      single.properties().forEach(header -> headers.put(header.getKey(), List.of(header.getValue().asText())));
    }
    JsonNode multi = response.path("multiValueHeaders");
    if (multi.isObject()) {
      multi.properties().forEach(header -> {
        List<String> values = new ArrayList<>();
        header.getValue().forEach(value -> values.add(value.asText()));
        headers.merge(header.getKey(), values, ProxyResponse::union);
      });
    }
    return new HttpReply(statusCode.asInt(), headers, body(response));
  }

  private static byte[] body(JsonNode response) throws MalformedResponseException {
    JsonNode body = response.get("body");
    if (body == null || body.isNull()) {
      return new byte[0];
    }
    if (!body.isTextual()) {
      throw new MalformedResponseException("body is not a string");
    }
    if (!response.path("isBase64Encoded").asBoolean(false)) {
      return body.textValue().getBytes(StandardCharsets.UTF_8);
    }
    try {
      return Base64.getDecoder().decode(body.textValue());
    } catch (IllegalArgumentException e) {
      throw new MalformedResponseException("isBase64Encoded is true but body is not base64");
    }
  }

  private static List<String> union(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    second.stream().filter(value -> !all.contains(value)).forEach(all::add);
    return all;
  }
}
