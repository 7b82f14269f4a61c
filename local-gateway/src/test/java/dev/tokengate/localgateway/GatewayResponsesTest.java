package dev.tokengate.localgateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayResponsesTest {

  private static final GatewayResponses.Custom ACCESS_DENIED = new GatewayResponses.Custom(Optional.of(403),
      Map.of(), Optional.of("{\"message\":\"$context.authorizer.message\",\"reason\":\"${context.authorizer.reason}\"}"));
  private static final GatewayResponses.Custom UNAUTHORIZED = new GatewayResponses.Custom(Optional.of(401),
      Map.of("WWW-Authenticate", "'Bearer'", "X-Echo", "method.request.header.X-Trace"),
      Optional.of("{\"message\":$context.error.messageString}"));

  private final GatewayResponses responses = new GatewayResponses(
      Map.of("ACCESS_DENIED", ACCESS_DENIED, "UNAUTHORIZED", UNAUTHORIZED));

  @Test
  void rendersApiGatewaysDefaultsWhenTheTemplateCustomisesNothing() {
    GatewayResponses defaults = GatewayResponses.defaults();

    HttpReply unauthorized = defaults.render(GatewayResponses.Type.UNAUTHORIZED, request("Unauthorized", Map.of()));
    HttpReply missing = defaults.render(GatewayResponses.Type.MISSING_AUTHENTICATION_TOKEN,
        request("Missing Authentication Token", Map.of()));

    assertThat(unauthorized.status()).isEqualTo(401);
    assertThat(unauthorized.bodyText()).isEqualTo("{\"message\":\"Unauthorized\"}");
    assertThat(missing.status()).isEqualTo(403);
    assertThat(missing.bodyText()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
  }

  @Test
  void rendersAFailingAuthorizerAsMessageNullLikeApiGateway() {
    HttpReply reply = responses.render(GatewayResponses.Type.AUTHORIZER_FAILURE, request(null, Map.of()));

    assertThat(reply.status()).isEqualTo(500);
    assertThat(reply.bodyText()).isEqualTo("{\"message\":null}");
  }

  @Test
  void substitutesTheAuthorizersContextIntoAccessDenied() {
    HttpReply reply = responses.render(GatewayResponses.Type.ACCESS_DENIED,
        request("User is not authorized to access this resource with an explicit deny",
            Map.of("authorizer.message", "token expired", "authorizer.reason", "token_expired")));

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.bodyText()).isEqualTo("{\"message\":\"token expired\",\"reason\":\"token_expired\"}");
  }

  @Test
  void jsonEscapesContextValuesSoTheyCannotBreakTheBody() {
    HttpReply reply = responses.render(GatewayResponses.Type.ACCESS_DENIED,
        request("denied", Map.of("authorizer.message", "a \"quoted\" \\ value\n")));

    assertThat(reply.bodyText()).isEqualTo("{\"message\":\"a \\\"quoted\\\" \\\\ value\\n\",\"reason\":\"\"}");
  }

  @Test
  void endsABareVariableAtItsLastNameSoAFullStopAfterItStaysText() {
    GatewayResponses sentence = new GatewayResponses(Map.of("ACCESS_DENIED", new GatewayResponses.Custom(
        Optional.of(403), Map.of(), Optional.of("{\"message\":\"Denied: $context.authorizer.message.\"}"))));

    HttpReply reply = sentence.render(GatewayResponses.Type.ACCESS_DENIED,
        request("denied", Map.of("authorizer.message", "token expired")));

    assertThat(reply.bodyText()).isEqualTo("{\"message\":\"Denied: token expired.\"}");
  }

  @Test
  void rendersAnUnknownVariableEmpty() {
    HttpReply reply = responses.render(GatewayResponses.Type.ACCESS_DENIED, request("denied", Map.of()));

    assertThat(reply.bodyText()).isEqualTo("{\"message\":\"\",\"reason\":\"\"}");
  }

  @Test
  void addsTheTemplatesHeadersStaticOrFromTheRequest() {
    HttpReply reply = responses.render(GatewayResponses.Type.UNAUTHORIZED, request("Unauthorized", Map.of()));

    assertThat(reply.headers())
        .containsEntry("WWW-Authenticate", List.of("Bearer"))
        .containsEntry("X-Echo", List.of("trace-7"))
        .containsEntry("Content-Type", List.of("application/json"));
  }

  @Test
  void fallsBackToTheFamilyDefaultButKeepsTheTypesStatus() {
    GatewayResponses custom4xx = new GatewayResponses(Map.of("DEFAULT_4XX", new GatewayResponses.Custom(
        Optional.of(400), Map.of("X-Family", "'4xx'"), Optional.of("{\"error\":$context.error.messageString}"))));

    HttpReply reply = custom4xx.render(GatewayResponses.Type.UNAUTHORIZED, request("Unauthorized", Map.of()));

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.bodyText()).isEqualTo("{\"error\":\"Unauthorized\"}");
    assertThat(reply.headers()).containsEntry("X-Family", List.of("4xx"));
  }

  @Test
  void customisesLambdaErrorsOnlyThroughDefault5xx() {
    GatewayResponses custom5xx = new GatewayResponses(Map.of("DEFAULT_5XX", new GatewayResponses.Custom(
        Optional.empty(), Map.of(), Optional.of("{\"type\":\"$context.error.responseType\"}"))));

    HttpReply reply = custom5xx.render(GatewayResponses.Type.LAMBDA_ERROR, request("Internal server error", Map.of()));

    assertThat(reply.status()).isEqualTo(502);
    assertThat(reply.bodyText()).isEqualTo("{\"type\":\"DEFAULT_5XX\"}");
  }

  private static GatewayResponses.Request request(String message, Map<String, String> context) {
    return new GatewayResponses.Request(message, context,
        name -> name.equalsIgnoreCase("X-Trace") ? Optional.of("trace-7") : Optional.empty(),
        name -> Optional.empty());
  }
}
