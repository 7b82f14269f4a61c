package dev.tokengate.localgateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokengate.core.arn.MethodArn;
import dev.tokengate.lambdarunner.InvocationResult;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What API Gateway does with one request, in order: find the route, check the identity header, run the TOKEN
 * authorizer (or reuse its cached policy), evaluate the policy against the method ARN, invoke the backend with a
 * proxy event and pass its response on; every refusal is rendered through the API's gateway responses.
 * Thread-safe.
 */
final class Gateway {

  /** Invokes a function of the template by its logical ID. */
  @FunctionalInterface
  interface Functions {
    InvocationResult invoke(String functionName, byte[] event, Duration limit);
  }

  /**
   * The reply and what was decided, for the request log.
   *
   * @param decision {@code public}, {@code allow}, {@code deny}, {@code no-token}, {@code unauthorized},
   *     {@code authorizer-error} or {@code no-route}, with {@code (cached)} when the policy came from the cache
   */
  record Outcome(HttpReply reply, String decision) {}

  /** API Gateway gives up on an integration after 29 seconds. */
  static final Duration INTEGRATION_LIMIT = Duration.ofSeconds(29);

  private static final String UNAUTHORIZED = "Unauthorized";
  private static final String EXPLICIT_DENY = "User is not authorized to access this resource with an explicit deny";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RouteTable routes;
  private final Functions functions;
  private final Map<String, Integer> functionTimeouts;
  private final PolicyCache cache;
  private final Clock clock;
  private final GatewayResponses unroutedResponses;

  /** @param functionTimeouts each function's Timeout in seconds, to tell a function timeout from API Gateway's */
  Gateway(RouteTable routes, Functions functions, Map<String, Integer> functionTimeouts, PolicyCache cache,
      Clock clock) {
    this.routes = routes;
    this.functions = functions;
    this.functionTimeouts = Map.copyOf(functionTimeouts);
    this.cache = cache;
    this.clock = clock;
    // A request that matches no route belongs to no known API: the first API's responses stand in.
    this.unroutedResponses = routes.routes().stream().findFirst()
        .map(route -> route.api().gatewayResponses()).orElse(GatewayResponses.defaults());
  }

  Outcome handle(IncomingRequest request) {
    String requestId = UUID.randomUUID().toString();
    Outcome outcome = decide(request, requestId, clock.instant());
    // API Gateway names every answer, its own and the backend's, with the request ID.
    Map<String, List<String>> headers = new LinkedHashMap<>(outcome.reply().headers());
    headers.put("x-amzn-RequestId", List.of(requestId));
    HttpReply reply = outcome.reply();
    return new Outcome(new HttpReply(reply.status(), headers, reply.body()), outcome.decision());
  }

  private Outcome decide(IncomingRequest request, String requestId, Instant received) {
    Optional<RouteTable.Match> match = routes.match(request.method(), request.path());
    if (match.isEmpty()) {
      return new Outcome(unroutedResponses.render(GatewayResponses.Type.MISSING_AUTHENTICATION_TOKEN,
          responseRequest(request, null, requestId, Map.of(),
              GatewayResponses.Type.MISSING_AUTHENTICATION_TOKEN.defaultMessage())), "no-route");
    }
    Route route = match.get().route();
    if (route.authorizer().isEmpty()) {
      return new Outcome(backend(request, match.get(), requestId, received, Map.of(), Optional.empty()), "public");
    }
    return authorize(request, match.get(), route.authorizer().get(), requestId, received);
  }

  private Outcome authorize(IncomingRequest request, RouteTable.Match match, TokenAuthorizer authorizer,
      String requestId, Instant received) {
    Route route = match.route();
    Optional<String> token = request.header(authorizer.header());
    if (token.isEmpty() || !authorizer.accepts(token.get())) {
      return refuse(GatewayResponses.Type.UNAUTHORIZED, UNAUTHORIZED, request, route, requestId, Map.of(), "no-token");
    }
    MethodArn methodArn = methodArn(route, request.method(), request.path());
    Optional<AuthorizerPolicy> cached = cache.get(authorizer, token.get());
    AuthorizerPolicy policy;
    long latencyMillis = 0;
    if (cached.isPresent()) {
      policy = cached.get();
    } else {
      long started = System.nanoTime();
      InvocationResult result = functions.invoke(authorizer.functionName(),
          LambdaEvents.tokenEvent(token.get(), methodArn), limit(authorizer.functionName()));
      latencyMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
      if (result instanceof InvocationResult.Failure failure) {
        return UNAUTHORIZED.equals(failure.errorMessage())
            ? refuse(GatewayResponses.Type.UNAUTHORIZED, UNAUTHORIZED, request, route, requestId, Map.of(),
                "unauthorized")
            : refuse(GatewayResponses.Type.AUTHORIZER_FAILURE, null, request, route, requestId, Map.of(),
                "authorizer-error");
      }
      try {
        policy = AuthorizerPolicy.parse(JSON.readTree(((InvocationResult.Success) result).payload()));
      } catch (IOException | AuthorizerPolicy.MalformedPolicyException e) {
        return refuse(GatewayResponses.Type.AUTHORIZER_CONFIGURATION_ERROR, null, request, route, requestId,
            Map.of(), "authorizer-error");
      }
      cache.put(authorizer, token.get(), policy);
    }
    String cachedNote = cached.isPresent() ? " (cached)" : "";
    Map<String, Object> authorizerContext = new LinkedHashMap<>();
    authorizerContext.put("principalId", policy.principalId());
    policy.context().forEach((key, value) -> authorizerContext.put(key, String.valueOf(value)));
    return switch (policy.evaluate(methodArn)) {
      case EXPLICIT_DENY -> refuse(GatewayResponses.Type.ACCESS_DENIED, EXPLICIT_DENY, request, route, requestId,
          authorizerContext, "deny" + cachedNote);
      case IMPLICIT_DENY -> refuse(GatewayResponses.Type.ACCESS_DENIED,
          GatewayResponses.Type.ACCESS_DENIED.defaultMessage(), request, route, requestId, authorizerContext,
          "deny" + cachedNote);
      case ALLOW -> {
        authorizerContext.put("integrationLatency", latencyMillis);
        // API Gateway takes the Allow's usageIdentifierKey as the request's API key only with key source AUTHORIZER.
        Optional<String> apiKey = route.api().apiKeyFromAuthorizer() ? policy.usageIdentifierKey() : Optional.empty();
        yield new Outcome(backend(request, match, requestId, received, authorizerContext, apiKey),
            "allow" + cachedNote);
      }
    };
  }

  private HttpReply backend(IncomingRequest request, RouteTable.Match match, String requestId, Instant received,
      Map<String, Object> authorizer, Optional<String> apiKey) {
    Route route = match.route();
    InvocationResult result = functions.invoke(route.functionName(),
        LambdaEvents.proxyEvent(request, match, requestId, received, authorizer, apiKey), limit(route.functionName()));
    GatewayResponses responses = route.api().gatewayResponses();
    if (result instanceof InvocationResult.Failure failure) {
      boolean gatewayGaveUp = failure.timedOut()
          && Duration.ofSeconds(functionTimeouts.getOrDefault(route.functionName(), 0)).compareTo(INTEGRATION_LIMIT) > 0;
      GatewayResponses.Type type = gatewayGaveUp
          ? GatewayResponses.Type.INTEGRATION_TIMEOUT : GatewayResponses.Type.LAMBDA_ERROR;
      return responses.render(type, responseRequest(request, route, requestId, Map.of(), type.defaultMessage()));
    }
    try {
      return ProxyResponse.parse(((InvocationResult.Success) result).payload());
    } catch (ProxyResponse.MalformedResponseException e) {
      return responses.render(GatewayResponses.Type.LAMBDA_ERROR, responseRequest(request, route, requestId,
          Map.of(), GatewayResponses.Type.LAMBDA_ERROR.defaultMessage()));
    }
  }

  private Duration limit(String functionName) {
    Duration timeout = Duration.ofSeconds(functionTimeouts.getOrDefault(functionName, 3));
    return timeout.compareTo(INTEGRATION_LIMIT) < 0 ? timeout : INTEGRATION_LIMIT;
  }

  private Outcome refuse(GatewayResponses.Type type, String message, IncomingRequest request, Route route,
      String requestId, Map<String, Object> authorizer, String decision) {
    return new Outcome(route.api().gatewayResponses()
        .render(type, responseRequest(request, route, requestId, authorizer, message)), decision);
  }

  private static GatewayResponses.Request responseRequest(IncomingRequest request, Route route, String requestId,
      Map<String, Object> authorizer, String message) {
    Map<String, String> context = new LinkedHashMap<>();
    context.put("requestId", requestId);
    context.put("httpMethod", request.method());
    context.put("path", request.path());
    if (route != null) {
      context.put("apiId", route.api().apiId());
      context.put("stage", route.api().stage());
      context.put("resourcePath", route.resource());
    }
    authorizer.forEach((key, value) -> context.put("authorizer." + key, String.valueOf(value)));
    return new GatewayResponses.Request(message, context, request::header, request::queryParameter);
  }

  /** The ARN API Gateway passes to a TOKEN authorizer and evaluates its policy against. */
  static MethodArn methodArn(Route route, String method, String requestPath) {
    return new MethodArn("aws", Intrinsics.REGION, Intrinsics.ACCOUNT, route.api().apiId(), route.api().stage(),
        method, requestPath.startsWith("/") ? requestPath.substring(1) : requestPath);
  }
}
