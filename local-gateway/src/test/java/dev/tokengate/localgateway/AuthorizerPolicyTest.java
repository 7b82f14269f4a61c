package dev.tokengate.localgateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokengate.core.arn.MethodArn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizerPolicyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MethodArn GET_HELLO = new MethodArn("aws", "us-east-1", "123456789012", "abc1234567", "Prod", "GET", "hello");
  private static final MethodArn POST_HELLO = new MethodArn("aws", "us-east-1", "123456789012", "abc1234567", "Prod", "POST", "hello");
  private static final String STAGE = "arn:aws:execute-api:us-east-1:123456789012:abc1234567/Prod/*/*";
  private static final String GET_HELLO_ARN = "arn:aws:execute-api:us-east-1:123456789012:abc1234567/Prod/GET/hello";

  @Test
  void allowsWhatAnAllowStatementCovers() throws Exception {
    AuthorizerPolicy policy = parse(policy(statement("Allow", "\"execute-api:Invoke\"", "\"" + STAGE + "\"")));

    assertThat(policy.evaluate(GET_HELLO)).isEqualTo(AuthorizerPolicy.Decision.ALLOW);
    assertThat(policy.principalId()).isEqualTo("user-1");
  }

  @Test
  void deniesImplicitlyWhatNoAllowCovers() throws Exception {
    AuthorizerPolicy policy = parse(policy(statement("Allow", "\"execute-api:Invoke\"", "\"" + GET_HELLO_ARN + "\"")));

    assertThat(policy.evaluate(GET_HELLO)).isEqualTo(AuthorizerPolicy.Decision.ALLOW);
    assertThat(policy.evaluate(POST_HELLO)).isEqualTo(AuthorizerPolicy.Decision.IMPLICIT_DENY);
  }

  @Test
  void anExplicitDenyWinsOverAnAllow() throws Exception {
    AuthorizerPolicy policy = parse(policy(
        statement("Allow", "\"execute-api:Invoke\"", "\"" + STAGE + "\""),
        statement("Deny", "\"execute-api:*\"", "\"" + GET_HELLO_ARN + "\"")));

    assertThat(policy.evaluate(GET_HELLO)).isEqualTo(AuthorizerPolicy.Decision.EXPLICIT_DENY);
    assertThat(policy.evaluate(POST_HELLO)).isEqualTo(AuthorizerPolicy.Decision.ALLOW);
  }

  @Test
  void acceptsResourceAndActionAsArraysAndAStatementAsASingleObject() throws Exception {
    String output = """
        {"principalId":"user-1","policyDocument":{"Version":"2012-10-17","Statement":
          {"Effect":"Allow","Action":["sqs:SendMessage","execute-api:Invoke"],
           "Resource":["arn:aws:execute-api:us-east-1:123456789012:other/*","%s"]}}}
        """.formatted(GET_HELLO_ARN);

    assertThat(parse(output).evaluate(GET_HELLO)).isEqualTo(AuthorizerPolicy.Decision.ALLOW);
  }

  @Test
  void anAllowForAnotherActionAllowsNothing() throws Exception {
    AuthorizerPolicy policy = parse(policy(statement("Allow", "\"execute-api:ManageConnections\"", "\"*\"")));

    assertThat(policy.evaluate(GET_HELLO)).isEqualTo(AuthorizerPolicy.Decision.IMPLICIT_DENY);
  }

  @Test
  void keepsTheContextValues() throws Exception {
    String output = """
        {"principalId":"user-1","policyDocument":{"Statement":[%s]},
         "context":{"reason":"token_expired","count":3,"admin":true}}
        """.formatted(statement("Deny", "\"execute-api:Invoke\"", "\"*\""));

    assertThat(parse(output).context()).containsOnly(
        java.util.Map.entry("reason", "token_expired"), java.util.Map.entry("count", 3),
        java.util.Map.entry("admin", true));
  }

  @Test
  void keepsTheUsageIdentifierKeyAndNeverPrintsIt() throws Exception {
    String key = "clientKey0123456789abcdef";
    String allow = policy(statement("Allow", "\"execute-api:Invoke\"", "\"" + STAGE + "\""));
    AuthorizerPolicy policy = parse(allow.substring(0, allow.length() - 1) + ",\"usageIdentifierKey\":\"" + key + "\"}");

    assertThat(policy.usageIdentifierKey()).contains(key);
    assertThat(policy.toString()).doesNotContain(key).contains("usageIdentifierKey=<redacted>", "user-1");
    assertThat(parse(allow).usageIdentifierKey()).isEmpty();
    assertThat(parse(allow).toString()).contains("usageIdentifierKey=<none>");
    assertThat(parse(allow.substring(0, allow.length() - 1) + ",\"usageIdentifierKey\":null}").usageIdentifierKey())
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"principalId\":\"u\",\"policyDocument\":{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]},\"usageIdentifierKey\":42}",
      "[]",
      "{\"policyDocument\":{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}}",
      "{\"principalId\":\"u\"}",
      "{\"principalId\":\"u\",\"policyDocument\":{\"Statement\":[]}}",
      "{\"principalId\":\"u\",\"policyDocument\":{\"Statement\":[{\"Effect\":\"allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}}",
      "{\"principalId\":\"u\",\"policyDocument\":{\"Statement\":[{\"Effect\":\"Allow\",\"Resource\":\"*\"}]}}",
      "{\"principalId\":\"u\",\"policyDocument\":{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\"}]}}",
      "{\"principalId\":\"u\",\"policyDocument\":{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":[1]}]}}",
      "{\"principalId\":\"u\",\"policyDocument\":{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]},\"context\":{\"nested\":{\"a\":1}}}",
  })
  void refusesOutputApiGatewayWouldAnswerWith500(String output) {
    assertThatThrownBy(() -> parse(output)).isInstanceOf(AuthorizerPolicy.MalformedPolicyException.class);
  }

  private static AuthorizerPolicy parse(String output) throws Exception {
    return AuthorizerPolicy.parse(JSON.readTree(output));
  }

  private static String policy(String... statements) {
    return "{\"principalId\":\"user-1\",\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":["
        + String.join(",", statements) + "]}}";
  }

  private static String statement(String effect, String action, String resource) {
    return "{\"Effect\":\"" + effect + "\",\"Action\":" + action + ",\"Resource\":" + resource + "}";
  }
}
