package dev.tokengate.localgateway;

/**
 * The ARN API Gateway passes to a TOKEN authorizer and evaluates its policy against:
 * {@code arn:aws:execute-api:REGION:ACCOUNT:API_ID/STAGE/METHOD/PATH}, where PATH is the request's path without
 * its leading slash.
 */
record MethodArn(String apiId, String stage, String method, String path) {

  static MethodArn of(Route route, String method, String requestPath) {
    return new MethodArn(route.api().apiId(), route.api().stage(), method,
        requestPath.startsWith("/") ? requestPath.substring(1) : requestPath);
  }

  @Override
  public String toString() {
    return "arn:aws:execute-api:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":"
        + apiId + "/" + stage + "/" + method + "/" + path;
  }
}
