package dev.tokengate.authorizer;

import static dev.tokengate.testing.TestTokens.STAGE_ARN;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokengate.core.arn.MethodArn;
import dev.tokengate.core.config.PolicyScope;
import dev.tokengate.core.policy.AuthorizerResponse;
import dev.tokengate.core.policy.PolicyFactory;
import dev.tokengate.core.verify.Reason;
import dev.tokengate.core.verify.Verdict;
import dev.tokengate.testing.TestTokens;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Proves that our response JSON is the JSON the Lambda Java runtime writes for AWS's {@link IamPolicyResponseV1},
 * using AWS's own serializer, and that the golden files pin exactly that.
 */
class AuthorizerResponseTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final PolicyFactory policies = new PolicyFactory(PolicyScope.STAGE);
  private final MethodArn arn = MethodArn.parse(TestTokens.METHOD_ARN);

  private static String awsJson(IamPolicyResponseV1 response) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LambdaEventSerializers.serializerFor(IamPolicyResponseV1.class, AuthorizerResponseTest.class.getClassLoader())
        .toJson(response, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static IamPolicyResponseV1 aws(String principal, IamPolicyResponseV1.Statement statement,
      Map<String, Object> context) {
    return IamPolicyResponseV1.builder()
        .withPrincipalId(principal)
        .withPolicyDocument(IamPolicyResponseV1.PolicyDocument.builder()
            .withVersion(IamPolicyResponseV1.VERSION_2012_10_17)
            .withStatement(List.of(statement))
            .build())
        .withContext(context)
        .build();
  }

  @Test
  void allowIsByteForByteWhatTheRuntimeWritesForIamPolicyResponseV1() throws Exception {
    AuthorizerResponse ours = policies.allow("alice", arn, Map.of("sub", "alice"));
    IamPolicyResponseV1 theirs = aws("alice", IamPolicyResponseV1.allowStatement(STAGE_ARN), Map.of("sub", "alice"));

    assertThat(JSON.writeValueAsString(ours)).isEqualTo(awsJson(theirs));
  }

  @Test
  void denyIsTheSameJsonAsTheRuntimeWrites() throws Exception {
    AuthorizerResponse ours = policies.deny(Reason.TOKEN_EXPIRED, arn);
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("reason", "token_expired");
    context.put("message", "token expired");
    IamPolicyResponseV1 theirs = aws("anonymous", IamPolicyResponseV1.denyStatement(STAGE_ARN), context);

    // The runtime puts the context in a HashMap, so only the tree (not member order) can be compared.
    assertThat(JSON.readTree(JSON.writeValueAsString(ours))).isEqualTo(JSON.readTree(awsJson(theirs)));
  }

  @Test
  void contextValueTypesSurviveAsTheRuntimeWritesThem() throws Exception {
    Map<String, Object> context = Map.of("s", "x", "n", 3L, "d", 0.5, "b", true);
    AuthorizerResponse ours = policies.allow("alice", arn, context);
    IamPolicyResponseV1 theirs = aws("alice", IamPolicyResponseV1.allowStatement(STAGE_ARN), context);

    assertThat(JSON.readTree(JSON.writeValueAsString(ours))).isEqualTo(JSON.readTree(awsJson(theirs)));
  }

  @Test
  void allowWithAUsageIdentifierKeyIsByteForByteWhatTheRuntimeWrites() throws Exception {
    String key = "clientKey0123456789abcdef";
    AuthorizerResponse ours = policies.policyFor(new Verdict.Allowed("alice", Map.of("sub", "alice"), Map.of(),
        Optional.empty(), Optional.of(key)), arn);
    IamPolicyResponseV1 theirs = aws("alice", IamPolicyResponseV1.allowStatement(STAGE_ARN), Map.of("sub", "alice"));
    theirs.setUsageIdentifierKey(key);

    assertThat(JSON.writeValueAsString(ours)).isEqualTo(awsJson(theirs)).contains("\"usageIdentifierKey\":\"" + key);
    assertThat(write(ours)).isEqualTo(awsJson(theirs));
  }

  @Test
  void policyJsonWritesWhatTheRuntimeWritesWithAndWithoutAUsageIdentifierKey() throws Exception {
    AuthorizerResponse without = policies.allow("alice", arn, Map.of("sub", "alice"));
    IamPolicyResponseV1 theirs = aws("alice", IamPolicyResponseV1.allowStatement(STAGE_ARN), Map.of("sub", "alice"));

    assertThat(write(without)).isEqualTo(awsJson(theirs)).doesNotContain("usageIdentifierKey");
  }

  private static String write(AuthorizerResponse response) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator generator = new JsonFactory().createGenerator(out)) {
      PolicyJson.write(generator, response);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void goldenFilesAreWhatTheRuntimeWritesForTheAwsTypes() throws Exception {
    JsonNode allow = JSON.readTree(awsJson(
        aws("alice", IamPolicyResponseV1.allowStatement(STAGE_ARN), Map.of("sub", "alice"))));
    JsonNode deny = JSON.readTree(awsJson(aws("anonymous", IamPolicyResponseV1.denyStatement(STAGE_ARN),
        Map.of("reason", "invalid_signature", "message", "invalid signature"))));

    assertThat(AuthorizerHandlerTest.golden("allow-sub.json")).isEqualTo(allow);
    assertThat(AuthorizerHandlerTest.golden("deny-invalid-signature.json")).isEqualTo(deny);
  }

  @Test
  void carriesWhatApiGatewayRequires() throws Exception {
    JsonNode json = JSON.readTree(JSON.writeValueAsString(policies.allow("alice", arn, Map.of())));

    assertThat(json.path("principalId").textValue()).isEqualTo("alice");
    assertThat(json.path("policyDocument").path("Version").textValue()).isEqualTo("2012-10-17");
    JsonNode statement = json.path("policyDocument").path("Statement").get(0);
    assertThat(statement.path("Action").textValue()).isEqualTo("execute-api:Invoke");
    assertThat(statement.path("Effect").textValue()).isEqualTo("Allow");
    assertThat(statement.path("Resource").get(0).textValue()).isEqualTo(STAGE_ARN);
  }
}
