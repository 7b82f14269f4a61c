package dev.tokengate.localgateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The repository's own template.yaml with the real authorizer and hello-lambda artifacts, as a user runs it:
 * the seed calls, with tokens signed by java-jwt under the key passed as JWT_SECRET.
 */
@Tag("integration")
class RepositoryTemplateIT {

  private static final Path TEMPLATE = Path.of("..", "template.yaml").toAbsolutePath().normalize();
  private static final String SECRET = DevSecret.generate().value();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static LocalApi api;

  @BeforeAll
  static void start() throws Exception {
    api = LocalApi.start(new LocalApi.Settings(TEMPLATE, 0, Map.of(), Map.of("JWT_SECRET", SECRET)),
        System.out::println, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void refusesARequestWithoutTokenWith401() throws Exception {
    HttpResponse<String> response = get("/hello", null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
  }

  @Test
  void refusesAHeaderThatIsNotABearerTokenWith401() throws Exception {
    assertThat(get("/hello", "Basic dXNlcjpwYXNz").statusCode()).isEqualTo(401);
  }

  @Test
  void answersAValidTokenWithTheGreeting() throws Exception {
    HttpResponse<String> response = get("/hello", "Bearer " + token(SECRET, Instant.now().plusSeconds(600)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("\"Hello from Lambda!\"");
  }

  @Test
  void showsThePrincipalAndReusesTheCachedPolicyOnTheSecondRoute() throws Exception {
    String bearer = "Bearer " + token(SECRET, Instant.now().plusSeconds(600));

    HttpResponse<String> hello = get("/hello", bearer);
    HttpResponse<String> whoami = get("/whoami", bearer);

    assertThat(hello.statusCode()).isEqualTo(200);
    assertThat(whoami.statusCode()).isEqualTo(200);
    assertThat(whoami.body()).contains("\"principalId\":\"user-42\"");
  }

  @Test
  void deniesABadSignatureWith403AndTheReason() throws Exception {
    HttpResponse<String> response = get("/hello",
        "Bearer " + token(DevSecret.generate().value(), Instant.now().plusSeconds(600)));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).isEqualTo("{\"message\":\"invalid signature\"}");
  }

  @Test
  void deniesAnExpiredTokenWith403AndTheReason() throws Exception {
    HttpResponse<String> response = get("/hello", "Bearer " + token(SECRET, Instant.now().minus(Duration.ofHours(1))));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).isEqualTo("{\"message\":\"token expired\"}");
  }

  private static String token(String secret, Instant expires) {
    return JWT.create().withSubject("user-42").withIssuedAt(expires.minus(Duration.ofHours(2)))
        .withExpiresAt(expires).sign(Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8)));
  }

  private static HttpResponse<String> get(String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
