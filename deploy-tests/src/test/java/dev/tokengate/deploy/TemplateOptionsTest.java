package dev.tokengate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokengate.localgateway.CloudFormationYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves that {@link TemplateOptions} really switches every option of {@code template.yaml} on and off, with
 * values the template's parameters accept, so that the lint and wiring tests that use it cover every option.
 */
class TemplateOptionsTest {

  private static JsonNode template;

  @BeforeAll
  static void read() {
    template = new ObjectMapper().valueToTree(CloudFormationYaml.read(SamTranslation.TEMPLATE));
  }

  @Test
  void everyConditionHoldsWithEveryOptionOnAndNoneWithEveryOptionOff() {
    List<String> conditions = new ArrayList<>();
    template.path("Conditions").fieldNames().forEachRemaining(conditions::add);

    assertThat(conditions).isNotEmpty()
        .allMatch(condition -> TemplateOptions.ALL_ON.holds(template, condition))
        .noneMatch(condition -> TemplateOptions.ALL_OFF.holds(template, condition));
  }

  @ParameterizedTest
  @EnumSource(TemplateOptions.class)
  void everyValueOfAnOptionSetIsOneItsParameterAllows(TemplateOptions options) {
    for (Map.Entry<String, String> option : options.parameters().entrySet()) {
      JsonNode parameter = template.path("Parameters").path(option.getKey());
      String value = option.getValue();

      assertThat(parameter.isMissingNode()).as("parameter %s", option.getKey()).isFalse();
      if (parameter.has("AllowedPattern")) {
        assertThat(value).as(option.getKey()).matches(parameter.path("AllowedPattern").asText());
      }
      if (parameter.has("AllowedValues")) {
        assertThat(parameter.path("AllowedValues")).as(option.getKey()).extracting(JsonNode::asText).contains(value);
      }
      if (parameter.has("MinValue")) {
        assertThat(Double.parseDouble(value)).as(option.getKey())
            .isGreaterThanOrEqualTo(parameter.path("MinValue").asDouble());
      }
    }
  }

  @Test
  void evaluatesAConditionWithTheOverridesAndElseTheDefaults() {
    assertThat(TemplateOptions.DEFAULTS.holds(template, "PublishesDecisionMetrics")).isTrue();
    assertThat(TemplateOptions.DEFAULTS.holds(template, "HasUsagePlan")).isFalse();
    assertThat(TemplateOptions.ALL_ON.value(template, "UsageIdentifierClaim")).isEqualTo("client_id");
    assertThat(TemplateOptions.ALL_OFF.value(template, "PolicyScope")).isEqualTo("stage");
  }
}
