package dev.tokengate.localgateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which of the caller's JWT_* variables each function gets; the end-to-end test starts real functions. */
class LocalApiTest {

  private static final Map<String, String> CALLER = Map.of(
      "JWT_SECRET", "the-key", "JWT_ISSUER", "https://issuer.example", "JWT_AUDIENCE", "api");

  @Test
  void givesTheKeyToAFunctionThatDeclaresTheSecretsArn() {
    LambdaFunction authorizer = function(Map.of("JWT_ISSUER", "template"), List.of("JWT_SECRET_ARN"));

    assertThat(LocalApi.jwtVariablesFor(authorizer, CALLER)).isEqualTo(CALLER);
  }

  @Test
  void givesTheKeyToAFunctionThatDeclaresTheSecret() {
    LambdaFunction authorizer = function(Map.of("JWT_SECRET", ""), List.of());

    assertThat(LocalApi.jwtVariablesFor(authorizer, CALLER)).isEqualTo(CALLER);
  }

  @Test
  void givesAFunctionThatDeclaresOnlyTheIssuerTheCallersIssuerButNotTheKey() {
    LambdaFunction backend = function(Map.of("JWT_ISSUER", "template"), List.of());

    assertThat(LocalApi.jwtVariablesFor(backend, CALLER)).isEqualTo(Map.of("JWT_ISSUER", "https://issuer.example"));
  }

  @Test
  void givesAFunctionThatNamesNoJwtVariableNothing() {
    LambdaFunction backend = function(Map.of("GREETING", "hi"), List.of("TABLE_ARN"));

    assertThat(LocalApi.jwtVariablesFor(backend, CALLER)).isEmpty();
  }

  private static LambdaFunction function(Map<String, String> environment, List<String> awsOnly) {
    return new LambdaFunction("Fn", Path.of("fn.jar"), "example.Handler::handleRequest", 256, 10, environment,
        awsOnly);
  }
}
