package dev.tokengate.hello;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.Map;

/**
 * The business Lambda behind the authorizer: {@code GET /hello} and {@code GET /whoami}, 404 for anything else.
 *
 * <p>It knows nothing about tokens: by the time a request reaches it, API Gateway has already run the authorizer.
 * It never logs the request, because the request carries the caller's {@code Authorization} header. Instances
 * are stateless and thread-safe.
 */
public final class HelloHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  static final String GREETING = "Hello from Lambda!";

  private static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", "application/json");

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
    String method = request.getHttpMethod();
    String route = routeOf(request);
    if ("GET".equals(method) && "/hello".equals(route)) {
      return json(200, JsonBodies.string(GREETING));
    }
    if ("GET".equals(method) && "/whoami".equals(route)) {
      return json(200, JsonBodies.identity(authorizerOf(request)));
    }
    return json(404, JsonBodies.message("Not Found"));
  }

  /**
   * The API Gateway resource ({@code /hello}) rather than the raw path, which may carry a base-path prefix when
   * the API sits behind a custom domain. Hand-made events may only have a path.
   */
  private static String routeOf(APIGatewayProxyRequestEvent request) {
    return request.getResource() != null ? request.getResource() : request.getPath();
  }

  private static Map<String, Object> authorizerOf(APIGatewayProxyRequestEvent request) {
    var requestContext = request.getRequestContext();
    if (requestContext == null || requestContext.getAuthorizer() == null) {
      return Map.of();
    }
    return requestContext.getAuthorizer();
  }

  private static APIGatewayProxyResponseEvent json(int status, String body) {
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(status)
        .withHeaders(JSON_HEADERS)
        .withBody(body);
  }
}
