package dev.tokengate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves what an operator of a deployment gets, on the CloudFormation that the AWS SAM translator generates from
 * {@code template.yaml} and the authorizer stack it nests: the access log and what it may not hold, the stage's
 * throttling, the authorizer's concurrency, the alarms and their notifications, the decision metrics and the
 * optional usage plan.
 */
@Tag("integration")
class TranslatedOperationsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String METRICS_NAMESPACE = "tokengate/${AWS::StackName}";
  private static final String ALARM = "AWS::CloudWatch::Alarm";

  private static final Map<TemplateOptions, JsonNode> TRANSLATIONS = new EnumMap<>(TemplateOptions.class);
  private static JsonNode cloudFormation;
  private static JsonNode resources;
  private static JsonNode authorizerStack;
  private static JsonNode authorizerResources;

  @BeforeAll
  static void translate() throws Exception {
    for (TemplateOptions options : TemplateOptions.values()) {
      TRANSLATIONS.put(options, SamTranslation.translate(options.parameters()));
    }
    cloudFormation = TRANSLATIONS.get(TemplateOptions.DEFAULTS);
    resources = cloudFormation.path("Resources");
    authorizerStack = SamTranslation.translateAuthorizer(Map.of());
    authorizerResources = authorizerStack.path("Resources");
  }

  @Test
  void stageWritesItsAccessLogToTheStacksLogGroupWhenAccessLoggingIsOn() {
    JsonNode setting = stage().path("AccessLogSetting").path("Fn::If");

    assertThat(setting.path(0).asText()).isEqualTo("LogsAccess");
    assertThat(setting.path(1).path("DestinationArn").path("Fn::GetAtt"))
        .isEqualTo(JSON.createArrayNode().add("ApiAccessLogGroup").add("Arn"));
    assertThat(setting.path(2)).isEqualTo(ref("AWS::NoValue"));
    assertThat(condition("LogsAccess")).isEqualTo("{\"Fn::Equals\":[{\"Ref\":\"AccessLogging\"},\"Enabled\"]}");
    assertThat(cloudFormation.at("/Parameters/AccessLogging/Default").asText()).isEqualTo("Enabled");

    JsonNode logGroup = resources.path("ApiAccessLogGroup");
    assertThat(logGroup.path("Condition").asText()).isEqualTo("LogsAccess");
    assertThat(logGroup.at("/Properties/RetentionInDays").asInt()).isEqualTo(30);
    assertThat(logGroup.path("DeletionPolicy").asText()).isEqualTo("Delete");
    assertThat(logGroup.at("/Properties/LogGroupName/Fn::Sub").asText())
        .isEqualTo("/aws/apigateway/${AWS::StackName}/access");
  }

  @Test
  void accessLogLineIsOneJsonObjectWithTheAuthorizersFields() throws Exception {
    String format = accessLogFormat();
    Map<String, String> fields = accessLogFields();

    assertThat(format).doesNotContain("\n").contains("$context.requestId");
    assertThat(fields).containsAllEntriesOf(Map.of(
        "principalId", "$context.authorizer.principalId",
        "reason", "$context.authorizer.reason",
        "authorizerError", "$context.authorizer.error",
        "authorizerLatency", "$context.authorizer.latency",
        "authorizerStatus", "$context.authorizer.status",
        "authorizerIntegrationLatency", "$context.authorizer.integrationLatency",
        "integrationLatency", "$context.integrationLatency"));
    assertThat(fields).containsAllEntriesOf(Map.of(
        "requestId", "$context.requestId",
        "ip", "$context.identity.sourceIp",
        "requestTime", "$context.requestTime",
        "httpMethod", "$context.httpMethod",
        "resourcePath", "$context.resourcePath",
        "status", "$context.status",
        "protocol", "$context.protocol",
        "responseLength", "$context.responseLength",
        "errorType", "$context.error.responseType",
        "error", "$context.error.message"));
    assertThat(fields.keySet()).as("the principal first, before the fields API Gateway fills in")
        .first().isEqualTo("principalId");
  }

  @Test
  void accessLogHoldsNoHeaderNoCredentialAndNoApiKey() throws Exception {
    Pattern contextVariable = Pattern.compile("\\$context\\.[A-Za-z]+(\\.[A-Za-z]+)*");

    assertThat(accessLogFields().values())
        .allMatch(value -> contextVariable.matcher(value).matches(), "each value is one $context variable")
        .filteredOn(value -> value.startsWith("$context.identity."))
        .as("of the caller's identity, only the source IP").containsExactly("$context.identity.sourceIp");
    assertThat(accessLogFormat().toLowerCase(Locale.ROOT))
        .doesNotContain("authorization", "$input", "$method", "header", "apikey", "$context.path");
  }

  @Test
  void stageThrottlesEveryMethodWithTheThrottlingParameters() {
    assertThat(stage().path("MethodSettings")).singleElement().satisfies(settings -> {
      assertThat(settings.path("ResourcePath").asText()).isEqualTo("/*");
      assertThat(settings.path("HttpMethod").asText()).isEqualTo("*");
      assertThat(settings.path("ThrottlingRateLimit")).isEqualTo(ref("ApiThrottlingRateLimit"));
      assertThat(settings.path("ThrottlingBurstLimit")).isEqualTo(ref("ApiThrottlingBurstLimit"));
    });
    assertThat(cloudFormation.at("/Parameters/ApiThrottlingRateLimit/Default").asInt()).isEqualTo(100);
    assertThat(cloudFormation.at("/Parameters/ApiThrottlingBurstLimit/Default").asInt()).isEqualTo(200);
  }

  @Test
  void authorizerHasReservedConcurrencyOnlyWhenOneIsGiven() {
    JsonNode parameter = authorizerStack.at("/Parameters/AuthorizerReservedConcurrency");

    assertThat(authorizerResources.at("/AuthorizerFunction/Properties/ReservedConcurrentExecutions/Fn::If").toString())
        .isEqualTo("[\"HasReservedConcurrency\",{\"Ref\":\"AuthorizerReservedConcurrency\"},{\"Ref\":\"AWS::NoValue\"}]");
    assertThat(authorizerCondition("HasReservedConcurrency"))
        .isEqualTo("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"AuthorizerReservedConcurrency\"},\"\"]}]}");
    assertThat(parameter.path("Default").asText()).isEmpty();
    Pattern allowed = Pattern.compile(parameter.path("AllowedPattern").asText());
    assertThat(List.of("", "1", "100", "99999")).allMatch(value -> allowed.matcher(value).matches());
    assertThat(List.of("0", "-1", "10.5", " 10", "ten")).as("0 would throttle every request")
        .noneMatch(value -> allowed.matcher(value).matches());
    assertThat(resources.at("/HelloFunction/Properties/ReservedConcurrentExecutions").isMissingNode()).isTrue();
  }

  @ParameterizedTest(name = "{0}: {1}/{2} {3}")
  @CsvSource(delimiter = '|', value = {
      "AuthorizerErrorsAlarm    | AWS/Lambda     | Errors    | FunctionName=!Ref AuthorizerFunction",
      "AuthorizerThrottlesAlarm | AWS/Lambda     | Throttles | FunctionName=!Ref AuthorizerFunction",
      "ApiErrorsAlarm           | AWS/ApiGateway | 5XXError  | ApiName=!Ref AWS::StackName,Stage=!Ref ApiProdStage",
  })
  void alarmWatchesItsMetricAndGoesOffOnTheFirstOne(String alarm, String namespace, String metric, String dimensions) {
    JsonNode properties = (authorizerResources.has(alarm) ? authorizerResources : resources).path(alarm)
        .path("Properties");

    assertThat(properties.path("Namespace").asText()).isEqualTo(namespace);
    assertThat(properties.path("MetricName").asText()).isEqualTo(metric);
    assertThat(dimensions(properties)).containsExactlyEntriesOf(expectedDimensions(dimensions));
    assertThat(properties.path("Statistic").asText()).isEqualTo("Sum");
    assertThat(properties.path("Period").asInt()).isEqualTo(300);
    assertThat(properties.path("EvaluationPeriods").asInt()).isEqualTo(1);
    assertThat(properties.path("Threshold").asInt()).isEqualTo(1);
    assertThat(properties.path("ComparisonOperator").asText()).isEqualTo("GreaterThanOrEqualToThreshold");
    assertThat(properties.path("TreatMissingData").asText()).isEqualTo("notBreaching");
  }

  @Test
  void apiErrorsAlarmNamesTheApiAndTheStageTheMetricsCarry() {
    JsonNode dimensions = resources.at("/ApiErrorsAlarm/Properties/Dimensions");

    assertThat(dimensions.at("/0/Value")).as("the API's name").isEqualTo(resources.at("/Api/Properties/Name"));
    assertThat(resources.path("ApiProdStage").path("Type").asText()).isEqualTo("AWS::ApiGateway::Stage");
    assertThat(stage().path("RestApiId")).isEqualTo(ref("Api"));
    assertThat(dimensions.at("/1/Value")).as("Ref of a stage is its name").isEqualTo(ref("ApiProdStage"));
  }

  @Test
  void denySpikeAlarmCountsTheAuthorizersDenyDecisionsOnlyWhenItPublishesThem() {
    JsonNode alarm = resources.path("DenySpikeAlarm");
    JsonNode properties = alarm.path("Properties");
    JsonNode variables = authorizerResources.at("/AuthorizerFunction/Properties/Environment/Variables");

    assertThat(alarm.path("Condition").asText()).isEqualTo("PublishesDecisionMetrics");
    assertThat(properties.path("Namespace").path("Fn::Sub").asText()).isEqualTo(METRICS_NAMESPACE);
    assertThat(variables.at("/METRICS_NAMESPACE/Fn::Sub").toString()).as("tokengate/NAME, the demo's stack name")
        .isEqualTo("[\"tokengate/${Name}\",{\"Name\":{\"Fn::If\":[\"HasName\",{\"Ref\":\"Name\"},"
            + "{\"Ref\":\"AWS::StackName\"}]}}]");
    assertThat(resources.at("/Authorizer/Properties/Parameters/Name")).isEqualTo(ref("AWS::StackName"));
    assertThat(resources.at("/Authorizer/Properties/Parameters/DecisionMetrics")).isEqualTo(ref("DecisionMetrics"));
    assertThat(properties.path("MetricName").asText()).isEqualTo("decisions");
    assertThat(dimensions(properties)).isEqualTo(Map.of("decision", "deny"));
    assertThat(properties.path("Statistic").asText()).isEqualTo("Sum");
    assertThat(properties.path("Period")).isEqualTo(ref("DenyAlarmPeriodSeconds"));
    assertThat(properties.path("Threshold")).isEqualTo(ref("DenyAlarmThreshold"));
    assertThat(properties.path("ComparisonOperator").asText()).isEqualTo("GreaterThanOrEqualToThreshold");
    assertThat(properties.path("TreatMissingData").asText()).isEqualTo("notBreaching");
    assertThat(cloudFormation.at("/Parameters/DenyAlarmThreshold/Default").asInt()).isEqualTo(100);
    assertThat(cloudFormation.at("/Parameters/DenyAlarmPeriodSeconds/Default").asInt()).isEqualTo(300);
  }

  @Test
  void authorizerPublishesDecisionMetricsUnlessTheyAreDisabled() {
    JsonNode variables = authorizerResources.at("/AuthorizerFunction/Properties/Environment/Variables");

    assertThat(variables.path("DECISION_METRICS").path("Fn::If").toString())
        .isEqualTo("[\"PublishesDecisionMetrics\",\"on\",\"off\"]");
    assertThat(authorizerCondition("PublishesDecisionMetrics"))
        .isEqualTo("{\"Fn::Equals\":[{\"Ref\":\"DecisionMetrics\"},\"Enabled\"]}");
    assertThat(authorizerStack.at("/Parameters/DecisionMetrics/Default").asText()).isEqualTo("Enabled");
  }

  @Test
  void everyAlarmNotifiesTheTopicWhichExistsOnlyWithAnEmail() {
    List<String> alarms = SamTranslation.idsOfType(cloudFormation, ALARM).toList();
    JsonNode topic = resources.path("AlarmTopic");

    List<String> authorizerAlarms = SamTranslation.idsOfType(authorizerStack, ALARM).toList();

    assertThat(alarms).containsExactlyInAnyOrder("DenySpikeAlarm", "ApiErrorsAlarm");
    assertThat(authorizerAlarms).containsExactlyInAnyOrder("AuthorizerErrorsAlarm", "AuthorizerThrottlesAlarm");
    String notify = "[\"HasAlarmEmail\",[{\"Ref\":\"AlarmTopic\"}],{\"Ref\":\"AWS::NoValue\"}]";
    assertThat(alarms).allSatisfy(alarm -> {
      assertThat(resources.at("/" + alarm + "/Properties/AlarmActions/Fn::If").toString()).as(alarm).isEqualTo(notify);
      assertThat(resources.at("/" + alarm + "/Properties/OKActions/Fn::If").toString()).as(alarm).isEqualTo(notify);
    });
    String notifyGivenTopic = "[\"HasAlarmTopic\",[{\"Ref\":\"AlarmTopicArn\"}],{\"Ref\":\"AWS::NoValue\"}]";
    assertThat(authorizerAlarms).allSatisfy(alarm -> {
      assertThat(authorizerResources.at("/" + alarm + "/Properties/AlarmActions/Fn::If").toString()).as(alarm)
          .isEqualTo(notifyGivenTopic);
      assertThat(authorizerResources.at("/" + alarm + "/Properties/OKActions/Fn::If").toString()).as(alarm)
          .isEqualTo(notifyGivenTopic);
    });
    assertThat(resources.at("/Authorizer/Properties/Parameters/AlarmTopicArn/Fn::If").toString())
        .as("the demo's topic, when it has one").isEqualTo("[\"HasAlarmEmail\",{\"Ref\":\"AlarmTopic\"},\"\"]");
    assertThat(topic.path("Type").asText()).isEqualTo("AWS::SNS::Topic");
    assertThat(topic.path("Condition").asText()).isEqualTo("HasAlarmEmail");
    assertThat(topic.at("/Properties/Subscription")).singleElement().satisfies(subscription -> {
      assertThat(subscription.path("Protocol").asText()).isEqualTo("email");
      assertThat(subscription.path("Endpoint")).isEqualTo(ref("AlarmEmail"));
    });
    assertThat(cloudFormation.at("/Outputs/AlarmTopicArn/Condition").asText()).isEqualTo("HasAlarmEmail");
  }

  @ParameterizedTest
  @EnumSource(TemplateOptions.class)
  void optionalResourcesAndOutputsExistExactlyWhenTheirOptionIsOn(TemplateOptions options) {
    JsonNode translation = TRANSLATIONS.get(options);
    boolean email = !options.value(translation, "AlarmEmail").isEmpty();
    boolean claim = !options.value(translation, "UsageIdentifierClaim").isEmpty();
    boolean accessLog = options.value(translation, "AccessLogging").equals("Enabled");
    boolean metrics = options.value(translation, "DecisionMetrics").equals("Enabled");
    boolean createsRole = options.value(translation, "ApiGatewayCloudWatchRole").equals("Create");

    Map<String, Boolean> expected = new LinkedHashMap<>();
    expected.put("AlarmTopic", email);
    expected.put("UsagePlan", claim);
    expected.put("ApiAccessLogGroup", accessLog);
    expected.put("DenySpikeAlarm", metrics);
    expected.put("ApiGatewayAccount", createsRole);
    expected.put("ApiGatewayCloudWatchLogsRole", createsRole);
    expected.put("Authorizer", true);
    expected.put("ApiErrorsAlarm", true);
    expected.forEach((resource, exists) -> assertThat(options.creates(translation, translation
        .path("Resources").path(resource))).as("%s with %s", resource, options).isEqualTo(exists));
    assertThat(options.creates(translation, translation.at("/Outputs/AlarmTopicArn"))).isEqualTo(email);
    assertThat(options.creates(translation, translation.at("/Outputs/UsagePlanId"))).isEqualTo(claim);
    assertThat(options.creates(translation, translation.at("/Outputs/AccessLogGroupName"))).isEqualTo(accessLog);
  }

  @ParameterizedTest
  @EnumSource(TemplateOptions.class)
  void everyRouteRequiresAnApiKeyFromTheAuthorizerExactlyWhenAUsageClaimIsNamed(TemplateOptions options) {
    JsonNode translation = TRANSLATIONS.get(options);
    JsonNode api = translation.at("/Resources/Api/Properties");
    boolean claim = !options.value(translation, "UsageIdentifierClaim").isEmpty();
    List<JsonNode> operations = new ArrayList<>();
    api.at("/Body/paths").forEach(path -> path.forEach(operations::add));

    assertThat(operations).hasSize(2).allSatisfy(operation -> {
      List<String> schemes = new ArrayList<>();
      operation.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(schemes::add));
      assertThat(schemes).as("security of every route")
          .isEqualTo(claim ? List.of("JwtAuthorizer", "api_key") : List.of("JwtAuthorizer"));
    });
    assertThat(api.at("/Body/securityDefinitions").has("api_key")).isEqualTo(claim);
    assertThat(api.path("ApiKeySourceType").path("Fn::If").toString())
        .isEqualTo("[\"HasUsagePlan\",\"AUTHORIZER\",\"HEADER\"]");
    assertThat(options.holds(translation, "HasUsagePlan")).isEqualTo(claim);
  }

  @Test
  void usagePlanLimitsEachClientOnTheStageWithTheUsagePlanParameters() {
    JsonNode plan = resources.path("UsagePlan");
    JsonNode properties = plan.path("Properties");

    assertThat(plan.path("Type").asText()).isEqualTo("AWS::ApiGateway::UsagePlan");
    assertThat(plan.path("Condition").asText()).isEqualTo("HasUsagePlan");
    assertThat(properties.path("ApiStages")).singleElement().satisfies(stage -> {
      assertThat(stage.path("ApiId")).isEqualTo(ref("Api"));
      assertThat(stage.path("Stage")).isEqualTo(ref("ApiProdStage"));
    });
    assertThat(properties.at("/Throttle/RateLimit")).isEqualTo(ref("UsagePlanRateLimit"));
    assertThat(properties.at("/Throttle/BurstLimit")).isEqualTo(ref("UsagePlanBurstLimit"));
    assertThat(properties.at("/Quota/Fn::If").toString()).isEqualTo("[\"HasUsageQuota\","
        + "{\"Limit\":{\"Ref\":\"UsagePlanQuotaLimit\"},\"Period\":{\"Ref\":\"UsagePlanQuotaPeriod\"}},"
        + "{\"Ref\":\"AWS::NoValue\"}]");
    assertThat(condition("HasUsageQuota"))
        .isEqualTo("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"UsagePlanQuotaLimit\"},\"0\"]}]}");
    assertThat(cloudFormation.at("/Outputs/UsagePlanId/Value")).isEqualTo(ref("UsagePlan"));
  }

  @Test
  void authorizerReturnsTheUsageClaimOnlyWhenOneIsNamed() {
    JsonNode variables = authorizerResources.at("/AuthorizerFunction/Properties/Environment/Variables");

    assertThat(variables.path("USAGE_IDENTIFIER_CLAIM").path("Fn::If").toString())
        .isEqualTo("[\"ReturnsUsageIdentifier\",{\"Ref\":\"UsageIdentifierClaim\"},{\"Ref\":\"AWS::NoValue\"}]");
    assertThat(authorizerCondition("ReturnsUsageIdentifier"))
        .isEqualTo("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"UsageIdentifierClaim\"},\"\"]}]}");
    assertThat(condition("HasUsagePlan"))
        .isEqualTo("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"UsageIdentifierClaim\"},\"\"]}]}");
    assertThat(resources.at("/Authorizer/Properties/Parameters/UsageIdentifierClaim"))
        .isEqualTo(ref("UsageIdentifierClaim"));
    assertThat(cloudFormation.at("/Parameters/UsageIdentifierClaim/Default").asText()).isEmpty();
  }

  @Test
  void accountCloudWatchRoleIsCreatedOnlyOnRequestAndOutlivesTheStack() {
    JsonNode account = resources.path("ApiGatewayAccount");
    JsonNode role = resources.path("ApiGatewayCloudWatchLogsRole");

    assertThat(cloudFormation.at("/Parameters/ApiGatewayCloudWatchRole/Default").asText()).isEqualTo("Existing");
    assertThat(List.of(account, role)).allSatisfy(resource -> {
      assertThat(resource.path("Condition").asText()).isEqualTo("CreatesCloudWatchRole");
      assertThat(resource.path("DeletionPolicy").asText()).as("other APIs keep logging").isEqualTo("Retain");
      assertThat(resource.path("UpdateReplacePolicy").asText()).isEqualTo("Retain");
    });
    assertThat(account.at("/Properties/CloudWatchRoleArn/Fn::GetAtt"))
        .isEqualTo(JSON.createArrayNode().add("ApiGatewayCloudWatchLogsRole").add("Arn"));
    assertThat(role.at("/Properties/AssumeRolePolicyDocument/Statement")).singleElement().satisfies(statement ->
        assertThat(statement.at("/Principal/Service").asText()).isEqualTo("apigateway.amazonaws.com"));
    assertThat(role.at("/Properties/ManagedPolicyArns/0/Fn::Sub").asText())
        .isEqualTo("arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs");
  }

  @Test
  void stageWithAccessLoggingWaitsForTheAccountRoleThisStackSets() {
    assertThat(resources.at("/ApiAccessLogGroup/Metadata/WaitsFor/Fn::If").toString())
        .isEqualTo("[\"CreatesCloudWatchRole\",{\"Ref\":\"ApiGatewayAccount\"},\"\"]");
    assertThat(stage().at("/AccessLogSetting/Fn::If/1/DestinationArn/Fn::GetAtt/0").asText())
        .isEqualTo("ApiAccessLogGroup");
  }

  private static String accessLogFormat() {
    return stage().at("/AccessLogSetting/Fn::If/1/Format").asText();
  }

  /** The access log format's fields in order, each mapped to the variable API Gateway fills it with. */
  private static Map<String, String> accessLogFields() throws Exception {
    Map<String, String> fields = new LinkedHashMap<>();
    JSON.readTree(accessLogFormat()).properties().forEach(field -> {
      assertThat(field.getValue().isTextual()).as("%s is a string, so that a missing value stays JSON",
          field.getKey()).isTrue();
      fields.put(field.getKey(), field.getValue().asText());
    });
    return fields;
  }

  private static JsonNode stage() {
    return resources.path("ApiProdStage").path("Properties");
  }

  private static String condition(String name) {
    return cloudFormation.path("Conditions").path(name).toString();
  }

  private static String authorizerCondition(String name) {
    return authorizerStack.path("Conditions").path(name).toString();
  }

  /** An alarm's dimensions in order, a {@code Ref} written as in YAML ({@code !Ref Target}). */
  private static Map<String, String> dimensions(JsonNode alarm) {
    Map<String, String> dimensions = new LinkedHashMap<>();
    alarm.path("Dimensions").forEach(dimension -> {
      JsonNode value = dimension.path("Value");
      dimensions.put(dimension.path("Name").asText(),
          value.has("Ref") ? "!Ref " + value.path("Ref").asText() : value.asText());
    });
    return dimensions;
  }

  /** {@code Name=Value,...} in order. */
  private static Map<String, String> expectedDimensions(String spec) {
    Map<String, String> dimensions = new LinkedHashMap<>();
    for (String pair : spec.split(",")) {
      String[] nameAndValue = pair.split("=", 2);
      dimensions.put(nameAndValue[0], nameAndValue[1]);
    }
    return dimensions;
  }

  private static JsonNode ref(String logicalId) {
    return JSON.createObjectNode().put("Ref", logicalId);
  }
}
