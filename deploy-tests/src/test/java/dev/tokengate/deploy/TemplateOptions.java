package dev.tokengate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameter sets that switch every option of {@code template.yaml} on, or every one off, and the template's
 * {@code Conditions} evaluated for a set, so that tests can say which resources a deployment with it creates.
 */
enum TemplateOptions {

  /** The template's defaults. */
  DEFAULTS(Map.of()),

  /** Every option on: checked claims, method scope (with the cache off), key readers, KMS, limits, logs, alarms. */
  ALL_ON(ordered(
      "JwtIssuer", "https://issuer.example.com/",
      "JwtAudience", "orders-api",
      "AuthorizerCacheTtlSeconds", "0",
      "PolicyScope", "method",
      "KeyReaderArns", "arn:aws:iam::123456789012:role/issuer,arn:aws:iam::123456789012:user/alice",
      "SecretKmsKeyArn", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      "ApiThrottlingRateLimit", "50",
      "ApiThrottlingBurstLimit", "80",
      "AuthorizerReservedConcurrency", "20",
      "DecisionMetrics", "Enabled",
      "AccessLogging", "Enabled",
      "ApiGatewayCloudWatchRole", "Create",
      "AlarmEmail", "ops@example.com",
      "DenyAlarmThreshold", "25",
      "DenyAlarmPeriodSeconds", "60",
      "UsageIdentifierClaim", "client_id",
      "UsagePlanRateLimit", "5",
      "UsagePlanBurstLimit", "10",
      "UsagePlanQuotaLimit", "100000",
      "UsagePlanQuotaPeriod", "DAY")),

  /** Every option off: nothing optional is created or set. */
  ALL_OFF(ordered(
      "JwtIssuer", "",
      "JwtAudience", "",
      "KeyReaderArns", "",
      "SecretKmsKeyArn", "",
      "AuthorizerReservedConcurrency", "",
      "DecisionMetrics", "Disabled",
      "AccessLogging", "Disabled",
      "ApiGatewayCloudWatchRole", "Existing",
      "AlarmEmail", "",
      "UsageIdentifierClaim", "",
      "UsagePlanQuotaLimit", "0"));

  /** The parameters of {@code template.yaml} that it passes, under the same name, to the authorizer stack. */
  static final List<String> PASSED_TO_AUTHORIZER = List.of("JwtIssuer", "JwtAudience", "PolicyScope",
      "KeyReaderArns", "SecretKmsKeyArn", "AuthorizerReservedConcurrency", "DecisionMetrics", "UsageIdentifierClaim");

  /** The topic the demo's alarms notify when it has an AlarmEmail, as the authorizer stack is given it. */
  static final String ALARM_TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:tokengate-alarms";

  private final Map<String, String> parameters;

  TemplateOptions(Map<String, String> parameters) {
    this.parameters = parameters;
  }

  /** The parameter values this set overrides; the others keep their defaults. */
  Map<String, String> parameters() {
    return parameters;
  }

  /**
   * The parameter values the authorizer stack gets from {@code template.yaml} with this set: the shared ones, and
   * a topic to notify when the set has an alarm email. Its own name stays the default (the stack's name).
   */
  Map<String, String> authorizerParameters() {
    Map<String, String> passed = new LinkedHashMap<>();
    parameters.forEach((name, value) -> {
      if (PASSED_TO_AUTHORIZER.contains(name)) {
        passed.put(name, value);
      }
    });
    if (!parameters.getOrDefault("AlarmEmail", "").isEmpty()) {
      passed.put("AlarmTopicArn", ALARM_TOPIC_ARN);
    }
    return passed;
  }

  /** The value a deployment with this set gives a parameter of {@code cloudFormation}: its override or default. */
  String value(JsonNode cloudFormation, String parameter) {
    JsonNode declared = cloudFormation.path("Parameters").path(parameter);
    if (declared.isMissingNode()) {
      throw new AssertionError("the template declares no parameter " + parameter);
    }
    return parameters.getOrDefault(parameter, declared.path("Default").asText());
  }

  /** Whether a resource or output of {@code cloudFormation} exists with this set: it has no Condition, or it holds. */
  boolean creates(JsonNode cloudFormation, JsonNode resource) {
    JsonNode condition = resource.path("Condition");
    return condition.isMissingNode() || holds(cloudFormation, condition.asText());
  }

  /** Evaluates a named condition of {@code cloudFormation} with this set's parameter values. */
  boolean holds(JsonNode cloudFormation, String condition) {
    JsonNode definition = cloudFormation.path("Conditions").path(condition);
    if (definition.isMissingNode()) {
      throw new AssertionError("the template declares no condition " + condition);
    }
    return evaluate(cloudFormation, definition);
  }

  /** The functions the template's conditions use; anything else fails the test rather than guessing. */
  private boolean evaluate(JsonNode cloudFormation, JsonNode function) {
    if (function.has("Fn::Not")) {
      return !evaluate(cloudFormation, function.path("Fn::Not").path(0));
    }
    if (function.has("Fn::Equals")) {
      return text(cloudFormation, function.path("Fn::Equals").path(0))
          .equals(text(cloudFormation, function.path("Fn::Equals").path(1)));
    }
    if (function.has("Condition")) {
      return holds(cloudFormation, function.path("Condition").asText());
    }
    throw new AssertionError("condition function not evaluated by this test: " + function);
  }

  private String text(JsonNode cloudFormation, JsonNode value) {
    if (value.isValueNode()) {
      return value.asText();
    }
    if (value.has("Ref")) {
      return value(cloudFormation, value.path("Ref").asText());
    }
    throw new AssertionError("condition operand not evaluated by this test: " + value);
  }

  private static Map<String, String> ordered(String... namesAndValues) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      parameters.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return parameters;
  }
}
