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
 * Proves the wiring of {@code template.yaml} on the CloudFormation that the AWS SAM translator generates from
 * it: what API Gateway invokes, who may invoke what, and what each role may do.
 */
@Tag("integration")
class TranslatedTemplateTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode cloudFormation;
  private static JsonNode resources;

  @BeforeAll
  static void translate() throws Exception {
    cloudFormation = SamTranslation.translate(Map.of());
    resources = cloudFormation.path("Resources");
  }

  @Test
  void authorizerInvokesTheSnapStartAliasNotTheFunction() {
    JsonNode authorizer = authorizer();
    String alias = aliasOf("AuthorizerFunction");

    assertThat(authorizer.path("authorizerUri").path("Fn::Sub").path(1).path("__FunctionArn__"))
        .isEqualTo(ref(alias));
    assertThat(resources.path("AuthorizerFunction").path("Properties").path("SnapStart").path("ApplyOn").asText())
        .isEqualTo("PublishedVersions");
  }

  @Test
  void apiGatewayMayInvokeTheAuthorizerAlias() {
    String alias = aliasOf("AuthorizerFunction");

    assertThat(SamTranslation.idsOfType(cloudFormation, "AWS::Lambda::Permission")
        .map(id -> resources.path(id).path("Properties"))
        .filter(permission -> permission.path("FunctionName").equals(ref(alias))))
        .singleElement()
        .satisfies(permission -> {
          assertThat(permission.path("Action").asText()).isEqualTo("lambda:InvokeFunction");
          assertThat(permission.path("Principal").asText()).isEqualTo("apigateway.amazonaws.com");
          assertThat(permission.path("SourceArn").path("Fn::Sub").path(0).asText()).endsWith("/authorizers/*");
          assertThat(permission.path("SourceArn").path("Fn::Sub").path(1).path("__ApiId__")).isEqualTo(ref("Api"));
        });
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
          .contains("${" + aliasOf("HelloFunction") + "}");
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
    List<JsonNode> statements = statementsOfRoleOf("AuthorizerFunction");

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
    String role = roleOf("AuthorizerFunction");

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
    JsonNode parameter = cloudFormation.at("/Parameters/KeyReaderArns");

    assertThat(parameter.path("Default").asText()).isEmpty();
    assertThat(cloudFormation.at("/Conditions/HasKeyReaders").toString())
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
    JsonNode parameter = cloudFormation.at("/Parameters/SecretKmsKeyArn");

    assertThat(parameter.path("Default").asText()).isEmpty();
    assertThat(cloudFormation.at("/Conditions/HasSecretKmsKey").toString())
        .isEqualTo("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"SecretKmsKeyArn\"},\"\"]}]}");
    assertThat(resources.at("/JwtSecret/Properties/KmsKeyId/Fn::If").toString())
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
    JsonNode role = resources.path(roleOf("AuthorizerFunction")).path("Properties");
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
    assertThat(statementsOfRoleOf("HelloFunction"))
        .flatMap(TranslatedTemplateTest::actions)
        .noneMatch(action -> action.startsWith("secretsmanager:") || action.startsWith("kms:"));
  }

  @ParameterizedTest
  @CsvSource({"AuthorizerFunction", "HelloFunction"})
  void roleMayOnlyWriteItsFunctionsOwnLogGroup(String function) {
    String logGroup = resources.at("/" + function + "/Properties/LoggingConfig/LogGroup/Ref").asText();
    JsonNode role = resources.path(roleOf(function)).path("Properties");

    assertThat(role.has("ManagedPolicyArns")).as("managed policies grant more than needed").isFalse();
    assertThat(statementsOfRoleOf(function))
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
    assertThat(resources.path(logGroup).path("Properties").path("RetentionInDays").asInt()).isPositive();
  }

  @ParameterizedTest
  @CsvSource({"AuthorizerFunction", "HelloFunction"})
  void functionRestoresFromSnapStartSnapshotsOnArm64(String function) {
    JsonNode properties = resources.path(function).path("Properties");

    assertThat(properties.path("SnapStart").path("ApplyOn").asText()).isEqualTo("PublishedVersions");
    assertThat(properties.path("Architectures").toString()).isEqualTo("[\"arm64\"]");
    assertThat(properties.path("Runtime").asText()).isEqualTo("java25");
    assertThat(properties.at("/Environment/Variables/JAVA_TOOL_OPTIONS").asText())
        .isEqualTo("-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
  }

  @Test
  void authorizerGetsTheSecretArnAndNoVariableForAnEmptyIssuerOrAudience() {
    JsonNode variables = resources.at("/AuthorizerFunction/Properties/Environment/Variables");

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
    JsonNode secret = resources.path("JwtSecret").path("Properties");

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
    return SamTranslation.idsOfType(cloudFormation, "AWS::SecretsManager::ResourcePolicy")
        .map(id -> resources.path(id).path("Properties"))
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
  private static String aliasOf(String function) {
    return SamTranslation.idsOfType(cloudFormation, "AWS::Lambda::Alias")
        .filter(id -> resources.path(id).path("Properties").path("FunctionName").equals(ref(function)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no alias for " + function));
  }

  private static String roleOf(String function) {
    return resources.at("/" + function + "/Properties/Role/Fn::GetAtt/0").asText();
  }

  private static List<JsonNode> statementsOfRoleOf(String function) {
    List<JsonNode> statements = new ArrayList<>();
    resources.path(roleOf(function)).path("Properties").path("Policies")
        .forEach(policy -> policy.at("/PolicyDocument/Statement").forEach(statements::add));
    assertThat(statements).as("inline statements of %s's role", function).isNotEmpty();
    return statements;
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
