package dev.tokengate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Proves the wiring of {@code template.yaml} and of the authorizer stack it nests ({@code authorizer/template.yaml})
 * on the CloudFormation that the AWS SAM translator generates from each: what API Gateway invokes, who may invoke
 * what, what each role may do, and what the authorizer stack exports.
 */
@Tag("integration")
class TranslatedTemplateTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode cloudFormation;
  private static JsonNode resources;
  private static JsonNode authorizerStack;
  private static JsonNode authorizerResources;

  @BeforeAll
  static void translate() throws Exception {
    cloudFormation = SamTranslation.translate(Map.of());
    resources = cloudFormation.path("Resources");
    authorizerStack = SamTranslation.translateAuthorizer(Map.of());
    authorizerResources = authorizerStack.path("Resources");
  }

  @Test
  void apiInvokesTheAuthorizerStacksSnapStartAliasNotTheFunction() {
    assertThat(authorizer().path("authorizerUri").path("Fn::Sub").path(1).path("__FunctionArn__"))
        .isEqualTo(nestedOutput("AuthorizerArn"));
    assertThat(authorizerStack.at("/Outputs/AuthorizerArn/Value"))
        .isEqualTo(ref(aliasOf(authorizerStack, "AuthorizerFunction")));
    assertThat(authorizerResources.at("/AuthorizerFunction/Properties/SnapStart/ApplyOn").asText())
        .isEqualTo("PublishedVersions");
  }

  @Test
  void demoNestsTheAuthorizerStackFromItsOwnTemplate() {
    JsonNode application = resources.path("Authorizer");

    assertThat(application.path("Type").asText()).isEqualTo("AWS::CloudFormation::Stack");
    assertThat(application.at("/Properties/TemplateURL").asText()).endsWith("/authorizer/template.yaml");
  }

  @Test
  void demoPassesEachSharedParameterThroughToTheAuthorizerStackUnderItsOwnName() {
    JsonNode passed = resources.at("/Authorizer/Properties/Parameters");

    TemplateOptions.PASSED_TO_AUTHORIZER.forEach(name -> {
      assertThat(passed.path(name)).as(name).isEqualTo(ref(name));
      assertThat(authorizerStack.at("/Parameters/" + name).path("Default"))
          .as("the default of %s", name).isEqualTo(cloudFormation.at("/Parameters/" + name).path("Default"));
    });
    assertThat(passed.path("Name")).isEqualTo(ref("AWS::StackName"));
    assertThat(passed.path("AlarmTopicArn").toString())
        .isEqualTo("{\"Fn::If\":[\"HasAlarmEmail\",{\"Ref\":\"AlarmTopic\"},\"\"]}");
    List<String> declared = new ArrayList<>();
    authorizerStack.path("Parameters").fieldNames().forEachRemaining(declared::add);
    List<String> given = new ArrayList<>();
    passed.fieldNames().forEachRemaining(given::add);
    assertThat(given).as("every parameter of the authorizer stack is given")
        .containsExactlyInAnyOrderElementsOf(declared);
  }

  @Test
  void apiGatewayInvokesTheAuthorizerWithTheInvokeRoleAndNoLambdaPermission() {
    assertThat(authorizer().path("authorizerCredentials")).isEqualTo(nestedOutput("AuthorizerInvokeRoleArn"));
    assertThat(SamTranslation.idsOfType(cloudFormation, "AWS::Lambda::Permission")
        .map(id -> resources.path(id).path("Properties").path("FunctionName")))
        .as("permissions are the hello alias's, for its routes")
        .allMatch(function -> function.equals(ref(aliasOf(cloudFormation, "HelloFunction"))));
    assertThat(SamTranslation.idsOfType(authorizerStack, "AWS::Lambda::Permission")).isEmpty();
  }

  @Test
  void invokeRoleLetsOnlyApiGatewayInvokeOnlyTheAuthorizerAlias() {
    JsonNode role = authorizerResources.path("AuthorizerInvokeRole").path("Properties");

    assertThat(authorizerStack.at("/Outputs/AuthorizerInvokeRoleArn/Value/Fn::GetAtt"))
        .isEqualTo(JSON.createArrayNode().add("AuthorizerInvokeRole").add("Arn"));
    assertThat(role.at("/AssumeRolePolicyDocument/Statement")).singleElement().satisfies(trust -> {
      assertThat(trust.path("Effect").asText()).isEqualTo("Allow");
      assertThat(trust.at("/Principal/Service").asText()).isEqualTo("apigateway.amazonaws.com");
      assertThat(actions(trust)).containsExactly("sts:AssumeRole");
    });
    assertThat(role.has("ManagedPolicyArns")).isFalse();
    assertThat(statementsOf(role)).singleElement().satisfies(statement -> {
      assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
      assertThat(actions(statement)).containsExactly("lambda:InvokeFunction");
      assertThat(statement.path("Resource")).isEqualTo(ref(aliasOf(authorizerStack, "AuthorizerFunction")));
    });
  }

  @ParameterizedTest(name = "{0} exported as STACK-{0}")
  @CsvSource({"AuthorizerArn", "AuthorizerInvokeRoleArn", "SecretArn"})
  void authorizerStackExportsWhatOtherStacksImport(String output) {
    JsonNode declared = authorizerStack.at("/Outputs/" + output);

    assertThat(declared.at("/Export/Name/Fn::Sub").asText()).isEqualTo("${AWS::StackName}-" + output);
    assertThat(declared.path("Value").isMissingNode()).isFalse();
    assertThat(authorizerStack.at("/Outputs/SecretArn/Value")).isEqualTo(ref("JwtSecret"));
  }

  @Test
  void demoOutputsTheNestedStacksSecret() {
    assertThat(cloudFormation.at("/Outputs/JwtSecretArn/Value")).isEqualTo(nestedOutput("SecretArn"));
    assertThat(cloudFormation.at("/Outputs/MintTokenCommand/Value/Fn::Sub/0").asText())
        .contains("--secret-id ${Authorizer.Outputs.SecretArn}");
  }

  @Test
  void authorizerStackCanBePublishedToTheServerlessApplicationRepository() {
    JsonNode application = authorizerStack.at("/Metadata/AWS::ServerlessRepo::Application");

    assertThat(application.path("Name").asText()).isEqualTo("tokengate-authorizer");
    assertThat(application.path("SpdxLicenseId").asText()).isEqualTo("Apache-2.0");
    assertThat(application.path("SemanticVersion").asText())
        .isEqualTo(ExternalTool.projectVersion().replace("-SNAPSHOT", ""));
    assertThat(application.path("Author").asText()).isNotBlank();
    assertThat(application.path("SourceCodeUrl").asText()).isEqualTo("https://github.com/tokengate/tokengate");
    for (String file : List.of("LicenseUrl", "ReadmeUrl")) {
      assertThat(SamTranslation.AUTHORIZER_TEMPLATE.resolveSibling(application.path(file).asText()))
          .as(file).isRegularFile();
    }
  }

  @Test
  void authorizerReadsTheBearerTokenFromTheAuthorizationHeaderAndCachesFiveMinutesByDefault() {
    JsonNode authorizer = authorizer();

    assertThat(authorizer.path("type").asText()).isEqualTo("token");
    assertThat(securityDefinition().path("name").asText()).isEqualTo("Authorization");
    assertThat(authorizer.path("authorizerResultTtlInSeconds").asInt(-1)).isEqualTo(300);
  }

  @Test
  void cacheTtlParameterReachesTheAuthorizerEvenWhenZero() throws Exception {
    JsonNode uncached = SamTranslation.translate(Map.of("AuthorizerCacheTtlSeconds", "0"));

    assertThat(uncached.at("/Resources/Api/Properties/Body/securityDefinitions/JwtAuthorizer"
        + "/x-amazon-apigateway-authorizer/authorizerResultTtlInSeconds").asText()).isEqualTo("0");
  }

  @Test
  void everyRouteRequiresTheAuthorizerAndCallsTheHelloAlias() {
    JsonNode paths = resources.at("/Api/Properties/Body/paths");
    List<String> routes = new ArrayList<>();
    paths.properties().forEach(path -> path.getValue().properties().forEach(method -> {
      routes.add(method.getKey().toUpperCase() + " " + path.getKey());
      JsonNode operation = method.getValue();
      assertThat(operation.path("security")).as(path.getKey())
          .isEqualTo(JSON.createArrayNode().add(JSON.createObjectNode().set("JwtAuthorizer", JSON.createArrayNode())));
      assertThat(operation.at("/x-amazon-apigateway-integration/uri/Fn::Sub").asText()).as(path.getKey())
          .contains("${" + aliasOf(cloudFormation, "HelloFunction") + "}");
    }));

    assertThat(routes).containsExactlyInAnyOrder("GET /hello", "GET /whoami");
  }

  @ParameterizedTest(name = "{0} answers {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "UNAUTHORIZED                   | 401 | {\"message\":\"Unauthorized\"}",
      "ACCESS_DENIED                  | 403 | {\"message\":\"$context.authorizer.message\"}",
      "AUTHORIZER_FAILURE             | 500 | {\"message\":\"Internal server error\"}",
      "AUTHORIZER_CONFIGURATION_ERROR | 500 | {\"message\":\"Internal server error\"}",
      "THROTTLED                      | 429 | {\"message\":\"Too Many Requests\"}",
      "QUOTA_EXCEEDED                 | 429 | {\"message\":\"Limit Exceeded\"}",
      "INVALID_API_KEY                | 403 | {\"message\":\"Forbidden\"}",
  })
  void gatewayResponseAnswersWithItsStatusAndBody(String type, String status, String body) {
    JsonNode response = resources.at("/Api/Properties/Body/x-amazon-apigateway-gateway-responses/" + type);

    assertThat(response.path("statusCode").asText()).isEqualTo(status);
    assertThat(response.path("responseTemplates").path("application/json").asText()).isEqualTo(body);
  }

  @Test
  void unauthorizedNamesTheBearerScheme() {
    assertThat(resources.at("/Api/Properties/Body/x-amazon-apigateway-gateway-responses/UNAUTHORIZED"
        + "/responseParameters/gatewayresponse.header.WWW-Authenticate").asText()).isEqualTo("'Bearer'");
  }

  @Test
  void authorizerRoleMayReadOnlyItsOwnSecret() {
    List<JsonNode> statements = statementsOfRoleOf(authorizerResources, "AuthorizerFunction");

    assertThat(statements)
        .filteredOn(statement -> actions(statement).stream().anyMatch(action -> action.startsWith("secretsmanager:")))
        .singleElement()
        .satisfies(statement -> {
          assertThat(actions(statement)).containsExactly("secretsmanager:GetSecretValue");
          assertThat(statement.path("Resource")).isEqualTo(ref("JwtSecret"));
        });
  }

  @Test
  void secretsResourcePolicyDeniesReadingTheKeyToEveryoneButTheAuthorizerRole() {
    JsonNode policy = resourcePolicyOfTheSigningKey();
    String role = roleOf(authorizerResources, "AuthorizerFunction");

    assertThat(policy.path("BlockPublicPolicy").booleanValue()).isTrue();
    assertThat(policy.at("/ResourcePolicy/Statement"))
        .singleElement()
        .satisfies(statement -> {
          assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
          assertThat(statement.path("Principal").asText()).isEqualTo("*");
          assertThat(actions(statement)).as("managing the secret stays with IAM")
              .containsExactly("secretsmanager:GetSecretValue");
          assertThat(statement.path("Condition").fieldNames()).toIterable().containsExactly("StringNotEquals");
          JsonNode principals = statement.at("/Condition/StringNotEquals/aws:PrincipalArn/Fn::If");
          assertThat(principals.path(0).asText()).isEqualTo("HasKeyReaders");
          assertThat(principals.path(1).path("Fn::Split").path(0).asText()).isEqualTo(",");
          assertThat(principals.path(1).path("Fn::Split").path(1).path("Fn::Sub").asText())
              .isEqualTo("${" + role + ".Arn},${KeyReaderArns}");
          assertThat(principals.path(2).path("Fn::GetAtt"))
              .isEqualTo(JSON.createArrayNode().add(role).add("Arn"));
        });
  }

  @Test
  void keyReadersAreAnEmptyByDefaultListOfIamRoleOrUserArns() {
    JsonNode parameter = authorizerStack.at("/Parameters/KeyReaderArns");

    assertThat(parameter.path("Default").asText()).isEmpty();
    assertThat(authorizerStack.at("/Conditions/HasKeyReaders").toString())
        .isEqualTo("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"KeyReaderArns\"},\"\"]}]}");
    Pattern allowed = Pattern.compile(parameter.path("AllowedPattern").asText());
    assertThat(List.of("", "arn:aws:iam::123456789012:role/issuer",
        "arn:aws:iam::123456789012:role/service-role/issuer,arn:aws-cn:iam::123456789012:user/alice"))
        .allMatch(value -> allowed.matcher(value).matches());
    assertThat(List.of("*", "arn:aws:iam::123456789012:root", "arn:aws:sts::123456789012:assumed-role/r/s",
        "arn:aws:iam::123456789012:role/a,"))
        .noneMatch(value -> allowed.matcher(value).matches());
  }

  @Test
  void signingKeyUsesTheAwsManagedKeyUnlessACustomerManagedKeyIsGiven() {
    JsonNode parameter = authorizerStack.at("/Parameters/SecretKmsKeyArn");

    assertThat(parameter.path("Default").asText()).isEmpty();
    assertThat(authorizerStack.at("/Conditions/HasSecretKmsKey").toString())
        .isEqualTo("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"SecretKmsKeyArn\"},\"\"]}]}");
    assertThat(authorizerResources.at("/JwtSecret/Properties/KmsKeyId/Fn::If").toString())
        .isEqualTo("[\"HasSecretKmsKey\",{\"Ref\":\"SecretKmsKeyArn\"},{\"Ref\":\"AWS::NoValue\"}]");
    Pattern allowed = Pattern.compile(parameter.path("AllowedPattern").asText());
    assertThat(List.of("", "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab"))
        .allMatch(value -> allowed.matcher(value).matches());
    assertThat(List.of("alias/aws/secretsmanager", "arn:aws:kms:eu-west-1:123456789012:alias/mine",
        "1234abcd-12ab-34cd-56ef-1234567890ab"))
        .as("an IAM policy's Resource matches a key ARN only").noneMatch(value -> allowed.matcher(value).matches());
  }

  @Test
  void authorizerRoleMayDecryptWithTheCustomerManagedKeyOnlyThroughSecretsManager() {
    JsonNode role = authorizerResources.path(roleOf(authorizerResources, "AuthorizerFunction")).path("Properties");
    List<JsonNode> conditional = new ArrayList<>();
    role.path("Policies").forEach(policy -> {
      if (policy.has("Fn::If")) {
        conditional.add(policy.path("Fn::If"));
      }
    });

    assertThat(conditional).singleElement().satisfies(ifKey -> {
      assertThat(ifKey.path(0).asText()).isEqualTo("HasSecretKmsKey");
      assertThat(ifKey.path(2)).isEqualTo(ref("AWS::NoValue"));
      assertThat(ifKey.at("/1/PolicyDocument/Statement")).singleElement().satisfies(statement -> {
        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        assertThat(actions(statement)).containsExactly("kms:Decrypt");
        assertThat(statement.path("Resource")).isEqualTo(ref("SecretKmsKeyArn"));
        assertThat(statement.at("/Condition/StringEquals/kms:ViaService/Fn::Sub").asText())
            .isEqualTo("secretsmanager.${AWS::Region}.amazonaws.com");
      });
    });
  }

  @Test
  void helloRoleMayReadNoSecret() {
    assertThat(statementsOfRoleOf(resources, "HelloFunction"))
        .flatMap(TranslatedTemplateTest::actions)
        .noneMatch(action -> action.startsWith("secretsmanager:") || action.startsWith("kms:"));
  }

  @ParameterizedTest
  @CsvSource({"AuthorizerFunction", "HelloFunction"})
  void roleMayOnlyWriteItsFunctionsOwnLogGroup(String function) {
    JsonNode stack = resourcesOf(function);
    String logGroup = stack.at("/" + function + "/Properties/LoggingConfig/LogGroup/Ref").asText();
    JsonNode role = stack.path(roleOf(stack, function)).path("Properties");

    assertThat(role.has("ManagedPolicyArns")).as("managed policies grant more than needed").isFalse();
    assertThat(statementsOfRoleOf(stack, function))
        .allSatisfy(statement -> {
          assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
          assertThat(statement.path("Resource").toString()).doesNotContain("*");
          assertThat(actions(statement)).noneMatch(action -> action.contains("*"));
        })
        .filteredOn(statement -> actions(statement).stream().anyMatch(action -> action.startsWith("logs:")))
        .singleElement()
        .satisfies(statement -> {
          assertThat(actions(statement)).containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents");
          assertThat(statement.path("Resource").path("Fn::GetAtt"))
              .isEqualTo(JSON.createArrayNode().add(logGroup).add("Arn"));
        });
    assertThat(stack.path(logGroup).path("Properties").path("RetentionInDays").asInt()).isPositive();
  }

  @ParameterizedTest
  @CsvSource({"AuthorizerFunction", "HelloFunction"})
  void functionRestoresFromSnapStartSnapshotsOnArm64(String function) {
    JsonNode properties = resourcesOf(function).path(function).path("Properties");

    assertThat(properties.path("SnapStart").path("ApplyOn").asText()).isEqualTo("PublishedVersions");
    assertThat(properties.path("Architectures").toString()).isEqualTo("[\"arm64\"]");
    assertThat(properties.path("Runtime").asText()).isEqualTo("java25");
    assertThat(properties.at("/Environment/Variables/JAVA_TOOL_OPTIONS").asText())
        .isEqualTo("-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
  }

  @Test
  void authorizerGetsTheSecretArnAndNoVariableForAnEmptyIssuerOrAudience() {
    JsonNode variables = authorizerResources.at("/AuthorizerFunction/Properties/Environment/Variables");

    assertThat(variables.path("JWT_SECRET_ARN")).isEqualTo(ref("JwtSecret"));
    assertThat(variables.path("JWT_SECRET").isTextual()).as("declared for sam local --env-vars").isTrue();
    assertThat(variables.path("JWT_SECRET").textValue()).as("the key itself is never in the environment").isEmpty();
    assertThat(variables.path("JWT_ISSUER").path("Fn::If").toString())
        .isEqualTo("[\"HasIssuer\",{\"Ref\":\"JwtIssuer\"},{\"Ref\":\"AWS::NoValue\"}]");
    assertThat(variables.path("JWT_AUDIENCE").path("Fn::If").toString())
        .isEqualTo("[\"HasAudience\",{\"Ref\":\"JwtAudience\"},{\"Ref\":\"AWS::NoValue\"}]");
    assertThat(variables.path("POLICY_SCOPE")).isEqualTo(ref("PolicyScope"));
    assertThat(resources.at("/HelloFunction/Properties/Environment/Variables").fieldNames())
        .toIterable().noneMatch(name -> name.startsWith("JWT_"));
  }

  @Test
  void signingKeyIsGeneratedWithSixtyFourCharacters() {
    JsonNode secret = authorizerResources.path("JwtSecret").path("Properties");

    assertThat(secret.has("SecretString")).as("no key in the template").isFalse();
    assertThat(secret.at("/GenerateSecretString/PasswordLength").asInt()).isEqualTo(64);
    assertThat(secret.at("/GenerateSecretString/ExcludePunctuation").asBoolean()).isTrue();
    assertThat(secret.at("/GenerateSecretString/GenerateStringKey").isMissingNode())
        .as("a plain string, not JSON").isTrue();
  }

  @Test
  void methodScopeIsRefusedWithCachingOn() {
    JsonNode rule = cloudFormation.at("/Rules/MethodScopeNeedsCachingOff");

    assertThat(rule.path("RuleCondition").toString()).isEqualTo("{\"Fn::Equals\":[{\"Ref\":\"PolicyScope\"},\"method\"]}");
    assertThat(rule.at("/Assertions/0/Assert").toString())
        .isEqualTo("{\"Fn::Equals\":[{\"Ref\":\"AuthorizerCacheTtlSeconds\"},\"0\"]}");
  }

  private static JsonNode resourcePolicyOfTheSigningKey() {
    return SamTranslation.idsOfType(authorizerStack, "AWS::SecretsManager::ResourcePolicy")
        .map(id -> authorizerResources.path(id).path("Properties"))
        .filter(policy -> policy.path("SecretId").equals(ref("JwtSecret")))
        .reduce((first, second) -> {
          throw new AssertionError("more than one resource policy on the signing key");
        })
        .orElseThrow(() -> new AssertionError("no resource policy on the signing key"));
  }

  private static JsonNode securityDefinition() {
    return resources.at("/Api/Properties/Body/securityDefinitions/JwtAuthorizer");
  }

  private static JsonNode authorizer() {
    return securityDefinition().path("x-amazon-apigateway-authorizer");
  }

  /** The SAM-generated alias of a function, which points at a published (SnapStart) version. */
  private static String aliasOf(JsonNode template, String function) {
    return SamTranslation.idsOfType(template, "AWS::Lambda::Alias")
        .filter(id -> template.at("/Resources/" + id + "/Properties/FunctionName").equals(ref(function)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no alias for " + function));
  }

  /** The translated resources of the stack that holds the function: the authorizer stack or the demo's. */
  private static JsonNode resourcesOf(String function) {
    return authorizerResources.has(function) ? authorizerResources : resources;
  }

  private static String roleOf(JsonNode resources, String function) {
    return resources.at("/" + function + "/Properties/Role/Fn::GetAtt/0").asText();
  }

  private static List<JsonNode> statementsOfRoleOf(JsonNode resources, String function) {
    List<JsonNode> statements = statementsOf(resources.path(roleOf(resources, function)).path("Properties"));
    assertThat(statements).as("inline statements of %s's role", function).isNotEmpty();
    return statements;
  }

  private static List<JsonNode> statementsOf(JsonNode role) {
    List<JsonNode> statements = new ArrayList<>();
    role.path("Policies").forEach(policy -> policy.at("/PolicyDocument/Statement").forEach(statements::add));
    return statements;
  }

  private static JsonNode nestedOutput(String output) {
    return JSON.createObjectNode().set("Fn::GetAtt", JSON.createArrayNode().add("Authorizer").add("Outputs." + output));
  }

  private static List<String> actions(JsonNode statement) {
    JsonNode action = statement.path("Action");
    List<String> actions = new ArrayList<>();
    if (action.isArray()) {
      action.forEach(each -> actions.add(each.asText()));
    } else {
      actions.add(action.asText());
    }
    return actions;
  }

  private static JsonNode ref(String logicalId) {
    return JSON.createObjectNode().put("Ref", logicalId);
  }
}
