package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokengate.core.config.ConfigException;
import dev.tokengate.testing.MarkdownTable;
import dev.tokengate.testing.TestTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The library example of docs/library.md, compiled against core's public API from a package of its own (as a
 * user's code would be), run, and kept equal to the page.
 */
class OrdersHandlerTest {

  private final OrdersHandler handler = new OrdersHandler(TestTokens.env(), TestTokens.CLOCK);

  private static Map<String, Object> request(String headerName, String headerValue) {
    return Map.of("headers", Map.of(headerName, headerValue));
  }

  @Test
  void answersTheCallerOfAValidToken() {
    Map<String, Object> response = handler.handleRequest(request("Authorization", "Bearer " + TestTokens.valid()),
        null);

    assertThat(response).containsEntry("statusCode", 200).containsEntry("body", "orders of alice");
  }

  @Test
  void readsTheHeaderWhateverItsCase() {
    assertThat(handler.handleRequest(request("authorization", "Bearer " + TestTokens.valid()), null))
        .containsEntry("statusCode", 200);
  }

  @Test
  void answers401WithoutABearerToken() {
    assertThat(handler.handleRequest(Map.of(), null)).containsEntry("statusCode", 401);
    assertThat(handler.handleRequest(request("Authorization", "Basic YWxpY2U6cHc="), null))
        .containsEntry("statusCode", 401);
  }

  @Test
  void answers403WithTheReasonForAnInvalidToken() {
    String expired = TestTokens.sign(TestTokens.HS256_HEADER,
        "{\"sub\":\"alice\",\"exp\":" + (TestTokens.NOW_SECONDS - 3600) + "}");

    assertThat(handler.handleRequest(request("Authorization", "Bearer " + expired), null))
        .containsEntry("statusCode", 403).containsEntry("body", "token expired");
  }

  @Test
  void failsAtInitWhenMisconfigured() {
    assertThatThrownBy(() -> new OrdersHandler(TestTokens.env("JWT_SECRET", "short"), TestTokens.CLOCK))
        .isInstanceOf(ConfigException.class).hasMessageContaining("JWT_SECRET");
  }

  @Test
  void isTheExampleThatDocsLibraryShows() throws IOException {
    Path root = MarkdownTable.repositoryRoot();
    String source = Files.readString(root.resolve("token-cli/src/test/java/com/example/orders/OrdersHandler.java"),
        StandardCharsets.UTF_8);
    String page = Files.readString(root.resolve("docs/library.md"), StandardCharsets.UTF_8);

    assertThat(page).contains("```java\n" + source + "```\n");
  }
}
