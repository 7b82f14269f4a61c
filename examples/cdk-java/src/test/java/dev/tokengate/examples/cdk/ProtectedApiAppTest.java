package dev.tokengate.examples.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;

class ProtectedApiAppTest {

  @Test
  void importsTheDefaultAuthorizerStackWithAFiveMinuteCache() {
    JsonNode authorizer = authorizer(Map.of());

    assertThat(authorizer.at("/AuthorizerCredentials/Fn::ImportValue").asText())
        .isEqualTo("tokengate-authorizer-AuthorizerInvokeRoleArn");
    assertThat(authorizer.path("AuthorizerResultTtlInSeconds").asInt()).isEqualTo(300);
  }

  @Test
  void importsTheAuthorizerStackNamedInTheContext() {
    JsonNode authorizer = authorizer(Map.of("authorizerStack", "team-auth"));

    assertThat(authorizer.at("/AuthorizerCredentials/Fn::ImportValue").asText())
        .isEqualTo("team-auth-AuthorizerInvokeRoleArn");
    assertThat(SynthesizedTemplate.evaluate(authorizer.path("AuthorizerUri"),
        Map.of("team-auth-AuthorizerArn", "arn:aws:lambda:us-east-1:123456789012:function:auth:live")))
        .contains("/functions/arn:aws:lambda:us-east-1:123456789012:function:auth:live/invocations");
  }

  @Test
  void turnsTheCacheOffWhenTheContextSaysZero() {
    assertThat(authorizer(Map.of("authorizerCacheTtlSeconds", "0")).path("AuthorizerResultTtlInSeconds").asInt())
        .isZero();
  }

  @Test
  void refusesABadContextValueWithAMessageNamingIt() {
    App app = App.Builder.create().context(Map.of("authorizerCacheTtlSeconds", "5m")).build();

    assertThatThrownBy(() -> ProtectedApiApp.build(app))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("context authorizerCacheTtlSeconds must be a whole number of seconds from 0 (no caching) to"
            + " 3600, got '5m'");
  }

  private static JsonNode authorizer(Map<String, Object> context) {
    App app = App.Builder.create().context(context).build();
    SynthesizedTemplate template = SynthesizedTemplate.of(ProtectedApiApp.build(app));
    assertThat(template.json().path("Resources")).isNotEmpty();
    return template.only("AWS::ApiGateway::Authorizer").getValue().path("Properties");
  }
}
