package dev.tokengate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokengate.core.jws.BearerToken;
import dev.tokengate.localgateway.CloudFormationYaml;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The authorizer's {@code ValidationExpression} in {@code template.yaml} lets through exactly the headers worth a
 * Lambda invocation: {@code Bearer} (any case) and a compact JWS. API Gateway matches it against the whole
 * header value and answers 401 itself when it does not match; Java's regex engine reads it the same way.
 */
class ValidationExpressionTest {

  private static Pattern expression;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void readExpression() throws Exception {
    Map<String, Object> template = CloudFormationYaml.read(SamTranslation.TEMPLATE);
    Map<String, Object> api = (Map<String, Object>) ((Map<String, Object>) template.get("Resources")).get("Api");
    Map<String, Object> auth = (Map<String, Object>) ((Map<String, Object>) api.get("Properties")).get("Auth");
    Map<String, Object> authorizer = (Map<String, Object>) ((Map<String, Object>) auth.get("Authorizers"))
        .get(auth.get("DefaultAuthorizer"));
    Map<String, Object> identity = (Map<String, Object>) authorizer.get("Identity");
    assertThat(identity).containsEntry("Header", "Authorization");
    expression = Pattern.compile((String) identity.get("ValidationExpression"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl",
      "bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl",
      "BEARER eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl",
      "Bearer a-_.b-_.c-_",
      "bEaReR a.b.c",
  })
  void letsBearerAndACompactJwsThrough(String header) {
    assertThat(expression.matcher(header).matches()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "Bearer",
      "Bearer ",
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl",
      "Basic dXNlcjpwYXNz",
      "Token a.b.c",
      "Bearera.b.c",
      "Bearer a.b",
      "Bearer a.b.",
      "Bearer a..c",
      "Bearer a.b.c.d.e",
      "Bearer a.b.c ",
      "Bearer a.b.c\n",
      "Bearer a+b.c/d.e=",
      "Bearer a.b.c=",
      "Bearer\ta.b.c",
      "xBearer a.b.c",
      "Bearer  a.b.c",
      "Bearer   a.b.c",
      " Bearer a.b.c",
      "Bearer a.b.c d.e.f",
      "Bearer a.b.\u00e9",
  })
  void turnsAwayEverythingElse(String header) {
    assertThat(expression.matcher(header).matches()).isFalse();
  }

  /**
   * The template and the authorizer read the header by one rule: what API Gateway lets through, the Lambda
   * accepts, and what the Lambda would refuse never costs an invocation. Checked on every header above and on
   * more near misses.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl", "bearer a.b.c", "BEARER a-_.b-_.c-_",
      "bEaReR a.b.c", "Bearer  a.b.c", "Bearer   a.b.c", "Bearer\ta.b.c", "Bearer\u00a0a.b.c", " Bearer a.b.c",
      "Bearer a.b.c ", "Bearer a.b.c\n", "Bearer a.b.c\r\n", "Bearer a.b", "Bearer a.b.", "Bearer .b.c",
      "Bearer a..c", "Bearer a.b.c.d", "Bearer a.b.c=", "Bearer a+b.c/d.e", "Bearer a.b.\u00e9", "Bearer a.b.c d.e.f",
      "Bearer", "Bearer ", "Bearera.b.c", "Basic a.b.c", "Token a.b.c", "", "a.b.c", "Bearer a.b.\u0000",
  })
  void agreesWithTheAuthorizersOwnParser(String header) {
    assertThat(expression.matcher(header).matches()).as("template admits %s", header)
        .isEqualTo(BearerToken.parse(header).isPresent());
  }
}
