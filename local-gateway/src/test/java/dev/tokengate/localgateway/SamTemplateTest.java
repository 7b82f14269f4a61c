package dev.tokengate.localgateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTemplateTest {

  private static final Path FULL_SCHEMA = resource("templates/full-schema.yaml");

  @TempDir
  Path dir;

  @Test
  void readsEveryApiEventAsARouteAndIgnoresOtherEvents() {
    SamTemplate template = SamTemplate.read(FULL_SCHEMA, Map.of());

    assertThat(template.routes())
        .extracting(Route::method, Route::resource, Route::functionName)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("GET", "/items/{id}", "ItemsFunction"),
            org.assertj.core.groups.Tuple.tuple("GET", "/health", "ItemsFunction"),
            org.assertj.core.groups.Tuple.tuple("ANY", "/admin", "ItemsFunction"),
            org.assertj.core.groups.Tuple.tuple("POST", "/ping", "ImplicitFunction"));
  }

  @Test
  void protectsRoutesWithTheDefaultAuthorizerAndItsIdentitySettings() {
    TokenAuthorizer authorizer = route(SamTemplate.read(FULL_SCHEMA, Map.of()), "/items/{id}").authorizer().orElseThrow();

    assertThat(authorizer.name()).isEqualTo("JwtAuthorizer");
    assertThat(authorizer.functionName()).isEqualTo("AuthorizerFunction");
    assertThat(authorizer.header()).isEqualTo("Authorization");
    assertThat(authorizer.ttl()).isEqualTo(Duration.ofSeconds(120));
    assertThat(authorizer.accepts("Bearer aaa.bbb.ccc")).isTrue();
    assertThat(authorizer.accepts("Basic dXNlcjpwYXNz")).isFalse();
  }

  @Test
  void authorizerNoneMakesARoutePublicAndARouteMayNameAnotherAuthorizer() {
    SamTemplate template = SamTemplate.read(FULL_SCHEMA, Map.of());

    assertThat(route(template, "/health").authorizer()).isEmpty();
    TokenAuthorizer other = route(template, "/admin").authorizer().orElseThrow();
    assertThat(other.name()).isEqualTo("OtherAuthorizer");
    assertThat(other.functionName()).isEqualTo("AuthorizerFunction");
    assertThat(other.ttl()).isEqualTo(Duration.ofSeconds(300));
    assertThat(other.validationExpression()).isEmpty();
  }

  @Test
  void eventsWithoutRestApiIdGoToTheImplicitApiWithApiGlobals() {
    Route ping = route(SamTemplate.read(FULL_SCHEMA, Map.of()), "/ping");

    assertThat(ping.api().logicalId()).isEqualTo("ServerlessRestApi");
    assertThat(ping.api().stage()).isEqualTo("Prod");
    assertThat(ping.authorizer()).isEmpty();
    HttpReply reply = ping.api().gatewayResponses().render(GatewayResponses.Type.LAMBDA_ERROR,
        new GatewayResponses.Request("Internal server error", Map.of("requestId", "r-1"),
            name -> java.util.Optional.empty(), name -> java.util.Optional.empty()));
    assertThat(reply.bodyText()).isEqualTo("{\"error\":\"server\",\"id\":\"r-1\"}");
  }

  @Test
  void appliesFunctionGlobalsAndResolvesParametersAndPseudoParameters() {
    SamTemplate template = SamTemplate.read(FULL_SCHEMA, Map.of());
    LambdaFunction authorizer = template.functions().get("AuthorizerFunction");
    LambdaFunction items = template.functions().get("ItemsFunction");

    assertThat(items.memoryMb()).isEqualTo(512);
    assertThat(items.timeoutSeconds()).isEqualTo(10);
    assertThat(template.functions().get("ImplicitFunction").timeoutSeconds()).isEqualTo(45);
    assertThat(authorizer.memoryMb()).isEqualTo(256);
    assertThat(authorizer.handler()).isEqualTo("example.Authorizer::handleRequest");
    assertThat(authorizer.environment()).containsOnly(
        Map.entry("LOG_LEVEL", "INFO"),
        Map.entry("JWT_ISSUER", "https://issuer.example"),
        Map.entry("REGION_AND_STAGE", "us-east-1/v1"));
  }

  @Test
  void leavesOutVariablesWhoseValueOnlyExistsInAws() {
    LambdaFunction authorizer = SamTemplate.read(FULL_SCHEMA, Map.of()).functions().get("AuthorizerFunction");

    assertThat(authorizer.awsOnlyVariables()).containsExactlyInAnyOrder("JWT_SECRET_ARN", "SECRET_NAME");
  }

  @Test
  void resolvesCodeUriAgainstTheTemplateFolderAndSkipsFunctionsNoRouteNeeds() {
    SamTemplate template = SamTemplate.read(FULL_SCHEMA, Map.of());
    Path folder = FULL_SCHEMA.getParent();

    assertThat(template.functions()).containsOnlyKeys("AuthorizerFunction", "ItemsFunction", "ImplicitFunction");
    assertThat(template.functions().get("ItemsFunction").codeUri()).isEqualTo(folder.resolve("items.jar"));
    assertThat(template.functions().get("AuthorizerFunction").codeUri())
        .isEqualTo(folder.getParent().resolve("authorizer/authorizer.jar"));
  }

  @Test
  void parameterOverridesWinOverDefaults() {
    SamTemplate template = SamTemplate.read(FULL_SCHEMA, Map.of("StageName", "dev", "AuthorizerTtlSeconds", "0"));
    Route items = route(template, "/items/{id}");

    assertThat(items.api().stage()).isEqualTo("dev");
    assertThat(items.authorizer().orElseThrow().ttl()).isZero();
  }

  @Test
  void refusesAnOverrideForAParameterTheTemplateDoesNotDeclare() {
    assertThatThrownBy(() -> SamTemplate.read(FULL_SCHEMA, Map.of("Stage", "dev")))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("--parameter Stage")
        .hasMessageContaining("StageName");
  }

  @Test
  void refusesCognitoAuthorizers() throws Exception {
    Path template = write(api("""
            Authorizers:
              Users:
                UserPoolArn: arn:aws:cognito-idp:us-east-1:123456789012:userpool/x
        """, "Users"));

    assertThatThrownBy(() -> SamTemplate.read(template, Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessage("authorizer Users is a Cognito authorizer; local-gateway runs Lambda TOKEN authorizers only");
  }

  @Test
  void refusesRequestAuthorizers() throws Exception {
    Path template = write(api("""
            Authorizers:
              Req:
                FunctionArn: !GetAtt Fn.Arn
                FunctionPayloadType: REQUEST
        """, "Req"));

    assertThatThrownBy(() -> SamTemplate.read(template, Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("FunctionPayloadType REQUEST");
  }

  @Test
  void refusesACacheTtlApiGatewayWouldRefuse() throws Exception {
    Path template = write(api("""
            Authorizers:
              Jwt:
                FunctionArn: !GetAtt Fn.Arn
                Identity:
                  ReauthorizeEvery: 7200
        """, "Jwt"));

    assertThatThrownBy(() -> SamTemplate.read(template, Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("ReauthorizeEvery is 7200");
  }

  @Test
  void refusesADefaultAuthorizerThatIsNotDeclared() throws Exception {
    Path template = write(api("""
            Authorizers: {}
        """, "Missing"));

    assertThatThrownBy(() -> SamTemplate.read(template, Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("authorizer Missing is not declared");
  }

  @Test
  void refusesAnS3CodeUri() throws Exception {
    Path template = write("""
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: {Bucket: b, Key: k}
              Handler: a.B::c
              Events:
                E: {Type: Api, Properties: {Path: /a, Method: get}}
        """);

    assertThatThrownBy(() -> SamTemplate.read(template, Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Fn: CodeUri must be a local path");
  }

  @Test
  void refusesAHandlerThatIsNotAJavaClassName() throws Exception {
    Path template = write("""
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fn.jar
              Handler: -XX:OnOutOfMemoryError=sh
              Events:
                E: {Type: Api, Properties: {Path: /a, Method: get}}
        """);

    assertThatThrownBy(() -> SamTemplate.read(template, Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Fn.Handler must be a Java handler such as example.Handler::handleRequest");
  }

  @Test
  void takesTheMethodInAnyCaseAndRefusesOneApiGatewayDoesNotKnow() throws Exception {
    Path template = write("""
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fn.jar
              Handler: a.B::c
              Events:
                E: {Type: Api, Properties: {Path: /a, Method: Patch}}
                F: {Type: Api, Properties: {Path: /b, Method: any}}
        """);
    Path unknown = dir.resolve("unknown.yaml");
    Files.writeString(unknown, Files.readString(template).replace("Method: any", "Method: fetch"));

    SamTemplate read = SamTemplate.read(template, Map.of());

    assertThat(route(read, "/a").method()).isEqualTo("PATCH");
    assertThat(route(read, "/b").method()).isEqualTo("ANY");
    assertThatThrownBy(() -> SamTemplate.read(unknown, Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Fn.Events.F.Method must be one of ANY, DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
  }

  @Test
  void evaluatesConditionsSoAnEmptyParameterLeavesAVariableOutAndASetOneFillsIt() throws Exception {
    Path template = write("""
        Parameters:
          Issuer: {Type: String, Default: ""}
          Region: {Type: String, Default: eu}
        Conditions:
          HasIssuer: !Not [!Equals [!Ref Issuer, ""]]
          InEu: !Equals [!Ref Region, eu]
          Both: !And [!Condition HasIssuer, !Condition InEu]
          Either: !Or [!Condition HasIssuer, !Condition InEu]
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fn.jar
              Handler: a.B::c
              Environment:
                Variables:
                  ISSUER: !If [HasIssuer, !Ref Issuer, !Ref AWS::NoValue]
                  BOTH: !If [Both, "yes", "no"]
                  EITHER: !If [Either, "yes", "no"]
                  UNKNOWN: !If [NoSuchCondition, "yes", "no"]
              Events:
                E: {Type: Api, Properties: {Path: /a, Method: get}}
        """);

    LambdaFunction unset = SamTemplate.read(template, Map.of()).functions().get("Fn");
    assertThat(unset.environment()).doesNotContainKey("ISSUER").containsEntry("BOTH", "no")
        .containsEntry("EITHER", "yes").doesNotContainKey("UNKNOWN");
    assertThat(unset.awsOnlyVariables()).as("left out by design, not for lack of AWS").containsExactly("UNKNOWN");

    LambdaFunction set = SamTemplate.read(template, Map.of("Issuer", "https://issuer.example")).functions().get("Fn");
    assertThat(set.environment()).containsEntry("ISSUER", "https://issuer.example").containsEntry("BOTH", "yes");
  }

  @Test
  void saysWhenAValueNeedsAParameterWithoutDefault() throws Exception {
    Path template = write("""
        Parameters:
          Stage: {Type: String}
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: !Ref Stage
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fn.jar
              Handler: a.B::c
              Events:
                E: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /a, Method: get}}
        """);

    assertThatThrownBy(() -> SamTemplate.read(template, Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Api.StageName has no local value")
        .hasMessageContaining("--parameter NAME=VALUE");
    assertThat(route(SamTemplate.read(template, Map.of("Stage", "qa")), "/a").api().stage()).isEqualTo("qa");
  }

  @Test
  void readsWhetherTheApiKeyComesFromTheAuthorizerAlsoThroughACondition() throws Exception {
    Path template = write("""
        Parameters:
          UsagePlans: {Type: String, Default: "false"}
        Conditions:
          Metered: !Equals [!Ref UsagePlans, "true"]
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: Prod
              ApiKeySourceType: !If [Metered, AUTHORIZER, !Ref AWS::NoValue]
          Header:
            Type: AWS::Serverless::Api
            Properties: {StageName: Prod, ApiKeySourceType: HEADER}
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fn.jar
              Handler: a.B::c
              Events:
                E: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /a, Method: get}}
                H: {Type: Api, Properties: {RestApiId: !Ref Header, Path: /h, Method: get}}
                I: {Type: Api, Properties: {Path: /i, Method: get}}
        """);

    SamTemplate off = SamTemplate.read(template, Map.of());
    SamTemplate on = SamTemplate.read(template, Map.of("UsagePlans", "true"));

    assertThat(route(off, "/a").api().apiKeyFromAuthorizer()).isFalse();
    assertThat(route(on, "/a").api().apiKeyFromAuthorizer()).isTrue();
    assertThat(route(on, "/h").api().apiKeyFromAuthorizer()).isFalse();
    assertThat(route(on, "/i").api().apiKeyFromAuthorizer()).isFalse();
  }

  @Test
  void refusesAnApiKeySourceApiGatewayDoesNotKnow() throws Exception {
    Path template = write("""
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties: {StageName: Prod, ApiKeySourceType: authorizer}
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fn.jar
              Handler: a.B::c
              Events:
                E: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /a, Method: get}}
        """);

    assertThatThrownBy(() -> SamTemplate.read(template, Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessage("Api.ApiKeySourceType is authorizer; it must be HEADER or AUTHORIZER");
  }

  @Test
  void refusesATemplateWithoutApiEvents() throws Exception {
    Path template = write("""
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties: {CodeUri: fn.jar, Handler: a.B::c}
        """);

    assertThatThrownBy(() -> SamTemplate.read(template, Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("no Api events");
  }

  @Test
  void reportsYamlThatIsNotATemplate() throws Exception {
    Path template = write("- just\n- a list\n");

    assertThatThrownBy(() -> SamTemplate.read(template, Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("is not a CloudFormation template");
  }

  @Test
  void followsAnAuthorizerIntoTheLocalTemplateOfANestedApplication() throws Exception {
    Path template = writeNested(NESTED_AUTHORIZER);

    SamTemplate read = SamTemplate.read(template, Map.of());
    TokenAuthorizer authorizer = route(read, "/a").authorizer().orElseThrow();
    LambdaFunction function = read.functions().get("AuthorizerFunction");

    assertThat(authorizer.functionName()).isEqualTo("AuthorizerFunction");
    assertThat(function.codeUri()).as("relative to the nested template").isEqualTo(dir.resolve("auth/target/auth.jar"));
    assertThat(function.handler()).isEqualTo("example.Authorizer::handleRequest");
    assertThat(function.memoryMb()).as("the nested template's Globals").isEqualTo(1024);
    assertThat(function.environment()).containsOnly(
        Map.entry("JWT_ISSUER", "https://issuer.example"),
        Map.entry("METRICS_NAMESPACE", "tokengate/local-gateway"),
        Map.entry("TOPIC", "none"));
    assertThat(function.awsOnlyVariables()).containsExactly("JWT_SECRET_ARN");
    assertThat(read.functions()).containsOnlyKeys("AuthorizerFunction", "Fn");
  }

  @Test
  void passesParameterOverridesThroughToTheNestedApplication() throws Exception {
    Path template = writeNested(NESTED_AUTHORIZER);

    LambdaFunction function = SamTemplate.read(template, Map.of("Issuer", "https://other.example"))
        .functions().get("AuthorizerFunction");

    assertThat(function.environment()).containsEntry("JWT_ISSUER", "https://other.example");
  }

  @Test
  void refusesANestedApplicationThatIsNotALocalTemplate() throws Exception {
    Path template = writeNested(NESTED_AUTHORIZER);
    Files.writeString(template, Files.readString(template)
        .replace("Location: auth/template.yaml", "Location: https://bucket.s3.amazonaws.com/auth.yaml"));

    assertThatThrownBy(() -> SamTemplate.read(template, Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("Auth: Location must be the path of a local template");
  }

  @Test
  void refusesAParameterTheNestedTemplateDoesNotDeclare() throws Exception {
    Path template = writeNested(NESTED_AUTHORIZER.replace("JwtIssuer: {Type", "Iss: {Type"));

    assertThatThrownBy(() -> SamTemplate.read(template, Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessage("Auth.Parameters.JwtIssuer: auth/template.yaml declares no parameter JwtIssuer");
  }

  @Test
  void refusesANestedOutputThatNamesNoFunction() throws Exception {
    Path template = writeNested(NESTED_AUTHORIZER.replace("Value: !Ref AuthorizerFunction.Alias", "Value: x"));

    assertThatThrownBy(() -> SamTemplate.read(template, Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessage("Auth: output AuthorizerArn must exist and refer to a function of its template"
            + " (!Ref MyFunction.Alias)");
  }

  @Test
  void readsTheLongFormOfANestedOutputReference() throws Exception {
    Path template = writeNested(NESTED_AUTHORIZER);
    Files.writeString(template, Files.readString(template)
        .replace("!GetAtt Auth.Outputs.AuthorizerArn", "{\"Fn::GetAtt\": [Auth, Outputs.AuthorizerArn]}"));

    assertThat(route(SamTemplate.read(template, Map.of()), "/a").authorizer().orElseThrow().functionName())
        .isEqualTo("AuthorizerFunction");
  }

  @Test
  void refusesAFunctionArnThatIsNeitherAFunctionNorANestedOutput() throws Exception {
    Path template = writeNested(NESTED_AUTHORIZER);
    Files.writeString(template, Files.readString(template)
        .replace("!GetAtt Auth.Outputs.AuthorizerArn", "!GetAtt Auth.Arn"));

    assertThatThrownBy(() -> SamTemplate.read(template, Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("or to an output of a nested application (!GetAtt MyApp.Outputs.FunctionArn)");
  }

  /** A nested authorizer stack shaped like tokengate's own: parameters, Globals, a conditional variable. */
  private static final String NESTED_AUTHORIZER = """
      Parameters:
        JwtIssuer: {Type: String, Default: ""}
        Name: {Type: String, Default: ""}
        AlarmTopicArn: {Type: String, Default: none}
      Conditions:
        HasName: !Not [!Equals [!Ref Name, ""]]
      Globals:
        Function:
          MemorySize: 1024
      Resources:
        Secret:
          Type: AWS::SecretsManager::Secret
        AuthorizerFunction:
          Type: AWS::Serverless::Function
          Properties:
            CodeUri: target/auth.jar
            Handler: example.Authorizer::handleRequest
            AutoPublishAlias: live
            Environment:
              Variables:
                JWT_SECRET_ARN: !Ref Secret
                JWT_ISSUER: !Ref JwtIssuer
                METRICS_NAMESPACE: !Sub
                  - tokengate/${Name}
                  - Name: !If [HasName, !Ref Name, !Ref AWS::StackName]
                TOPIC: !Ref AlarmTopicArn
      Outputs:
        AuthorizerArn:
          Value: !Ref AuthorizerFunction.Alias
      """;

  /** A parent template whose API's authorizer is the nested {@code auth/template.yaml}'s output. */
  private Path writeNested(String nested) throws Exception {
    Files.createDirectories(dir.resolve("auth"));
    Files.writeString(dir.resolve("auth/template.yaml"), nested);
    return write("""
        Parameters:
          Issuer: {Type: String, Default: "https://issuer.example"}
        Resources:
          Auth:
            Type: AWS::Serverless::Application
            Properties:
              Location: auth/template.yaml
              Parameters:
                JwtIssuer: !Ref Issuer
                Name: !Ref AWS::StackName
                AlarmTopicArn: !GetAtt Topic.TopicArn
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: Prod
              Auth:
                DefaultAuthorizer: Jwt
                Authorizers:
                  Jwt:
                    FunctionArn: !GetAtt Auth.Outputs.AuthorizerArn
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fn.jar
              Handler: a.B::c
              Events:
                E: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /a, Method: get}}
        """);
  }

  private static String api(String auth, String defaultAuthorizer) {
    return """
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: Prod
              Auth:
                DefaultAuthorizer: %s
        %s
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fn.jar
              Handler: a.B::c
              Events:
                E: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /a, Method: get}}
        """.formatted(defaultAuthorizer, auth.indent(4).stripTrailing());
  }

  private Path write(String yaml) throws Exception {
    Path template = dir.resolve("template.yaml");
    Files.writeString(template, yaml);
    return template;
  }

  private static Route route(SamTemplate template, String resource) {
    return template.routes().stream().filter(route -> route.resource().equals(resource)).findFirst().orElseThrow();
  }

  static Path resource(String name) {
    try {
      return Path.of(SamTemplateTest.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
