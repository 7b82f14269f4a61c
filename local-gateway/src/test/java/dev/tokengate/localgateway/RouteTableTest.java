package dev.tokengate.localgateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableTest {

  private static final RestApi API = new RestApi("Api", "abc1234567", "Prod", GatewayResponses.defaults(), false);

  private final RouteTable table = new RouteTable(List.of(
      route("GET", "/items/{id}", "ById"),
      route("GET", "/items/latest", "Latest"),
      route("ANY", "/items/latest", "AnyLatest"),
      route("ANY", "/{proxy+}", "Fallback"),
      route("GET", "/", "Root")));

  @Test
  void prefersLiteralSegmentsAndTheRoutesOwnMethod() {
    assertThat(functionFor("GET", "/items/latest")).contains("Latest");
    assertThat(functionFor("POST", "/items/latest")).contains("AnyLatest");
    assertThat(functionFor("GET", "/items/42")).contains("ById");
  }

  @Test
  void bindsPathParametersDecoded() {
    RouteTable.Match match = table.match("GET", "/items/a%20b+c").orElseThrow();

    assertThat(match.pathParameters()).isEqualTo(Map.of("id", "a b+c"));
  }

  @Test
  void aGreedyParameterTakesTheRestOfThePath() {
    RouteTable.Match match = table.match("DELETE", "/a/b/c").orElseThrow();

    assertThat(match.route().functionName()).isEqualTo("Fallback");
    assertThat(match.pathParameters()).isEqualTo(Map.of("proxy", "a/b/c"));
  }

  @Test
  void matchesTheRootResource() {
    assertThat(functionFor("GET", "/")).contains("Root");
  }

  @Test
  void findsNothingForAnUnknownPathOrMethod() {
    RouteTable narrow = new RouteTable(List.of(route("GET", "/hello", "Hello")));

    assertThat(narrow.match("GET", "/nope")).isEmpty();
    assertThat(narrow.match("POST", "/hello")).isEmpty();
    assertThat(narrow.match("GET", "/hello/more")).isEmpty();
  }

  @Test
  void refusesTwoRoutesForTheSameMethodAndResource() {
    assertThatThrownBy(() -> new RouteTable(List.of(route("GET", "/a", "One"), route("GET", "/a", "Two"))))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("GET /a (One and Two)");
  }

  private Optional<String> functionFor(String method, String path) {
    return table.match(method, path).map(match -> match.route().functionName());
  }

  private static Route route(String method, String resource, String function) {
    return new Route(method, resource, function, API, Optional.empty());
  }
}
