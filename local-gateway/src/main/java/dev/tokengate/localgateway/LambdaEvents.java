package dev.tokengate.localgateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokengate.core.arn.MethodArn;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the events API Gateway sends to Lambda, in its JSON wire format: the TOKEN authorizer event and the
 * Lambda proxy event ({@code APIGatewayProxyRequestEvent}). The function's runtime deserializes them itself.
 */
final class LambdaEvents {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final List<String> IDENTITY_FIELDS = List.of("cognitoIdentityPoolId", "accountId",
      "cognitoIdentityId", "caller", "accessKey", "cognitoAuthenticationType", "cognitoAuthenticationProvider",
      "userArn", "user", "apiKey", "apiKeyId");

  private LambdaEvents() {}

  static byte[] tokenEvent(String token, MethodArn methodArn) {
    ObjectNode event = JSON.createObjectNode()
        .put("type", "TOKEN")
        .put("authorizationToken", token)
        .put("methodArn", methodArn.arn());
    return write(event);
  }

  /**
   * The proxy event for a request that passed authorization.
   *
   * @param authorizer {@code requestContext.authorizer}: principalId, the authorizer's context and
   *     integrationLatency; empty for a public route, which then gets no authorizer object
   * @param apiKey {@code requestContext.identity.apiKey}, the request's API key; {@code apiKeyId} stays null, as
   *     there is no API key resource locally to take an ID from
   */
  static byte[] proxyEvent(IncomingRequest request, RouteTable.Match match, String requestId, Instant received,
      Map<String, Object> authorizer, Optional<String> apiKey) {
    Route route = match.route();
    ObjectNode event = JSON.createObjectNode();
    event.put("resource", route.resource());
    event.put("path", request.path());
    event.put("httpMethod", request.method());
    ObjectNode headers = event.putObject("headers");
    ObjectNode multiValueHeaders = event.putObject("multiValueHeaders");
    request.headers().forEach((name, values) -> {
      if (!values.isEmpty()) {
        headers.put(name, values.get(values.size() - 1));
        values.forEach(multiValueHeaders.putArray(name)::add);
      }
    });
    Map<String, List<String>> query = request.queryParameters();
    if (query.isEmpty()) {
      event.putNull("queryStringParameters");
      event.putNull("multiValueQueryStringParameters");
    } else {
      ObjectNode single = event.putObject("queryStringParameters");
      ObjectNode multi = event.putObject("multiValueQueryStringParameters");
      query.forEach((name, values) -> {
        single.put(name, values.get(values.size() - 1));
        values.forEach(multi.putArray(name)::add);
      });
    }
    if (match.pathParameters().isEmpty()) {
      event.putNull("pathParameters");
    } else {
      ObjectNode parameters = event.putObject("pathParameters");
      match.pathParameters().forEach(parameters::put);
    }
    event.putNull("stageVariables");
    requestContext(event.putObject("requestContext"), request, route, requestId, received, authorizer, apiKey);
    body(event, request.body());
    return write(event);
  }

  private static void requestContext(ObjectNode context, IncomingRequest request, Route route, String requestId,
      Instant received, Map<String, Object> authorizer, Optional<String> apiKey) {
    RestApi api = route.api();
    String host = request.header("Host").orElse("127.0.0.1");
    context.put("resourceId", api.apiId().substring(0, 6));
    context.put("resourcePath", route.resource());
    context.put("httpMethod", request.method());
    context.put("extendedRequestId", requestId);
    context.put("requestTime", REQUEST_TIME.format(received));
    context.put("path", "/" + api.stage() + request.path());
    context.put("accountId", Intrinsics.ACCOUNT);
    context.put("protocol", "HTTP/1.1");
    context.put("stage", api.stage());
    context.put("domainPrefix", host.split("[.:]")[0]);
    context.put("requestTimeEpoch", received.toEpochMilli());
    context.put("requestId", requestId);
    ObjectNode identity = context.putObject("identity");
    IDENTITY_FIELDS.forEach(identity::putNull);
    apiKey.ifPresent(key -> identity.put("apiKey", key));
    identity.put("sourceIp", request.sourceIp());
    request.header("User-Agent").ifPresentOrElse(agent -> identity.put("userAgent", agent),
        () -> identity.putNull("userAgent"));
    context.put("domainName", host);
    context.put("apiId", api.apiId());
    if (!authorizer.isEmpty()) {
      context.set("authorizer", JSON.valueToTree(authorizer));
    }
  }

  /** API Gateway passes a body as text; bytes that are not UTF-8 go base64-encoded. */
  private static void body(ObjectNode event, byte[] body) {
    if (body.length == 0) {
      event.putNull("body");
      event.put("isBase64Encoded", false);
      return;
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
      event.put("body", text);
      event.put("isBase64Encoded", false);
    } catch (CharacterCodingException e) {
      event.put("body", Base64.getEncoder().encodeToString(body));
      event.put("isBase64Encoded", true);
    }
  }

  private static byte[] write(ObjectNode event) {
    try {
      return JSON.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot happen: a tree of plain values always serializes", e);
    }
  }
}
