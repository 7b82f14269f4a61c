package dev.tokengate.authorizer;

import static dev.tokengate.testing.TestTokens.METHOD_ARN;
import static dev.tokengate.testing.TestTokens.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokengate.core.arn.MethodArn;
import dev.tokengate.core.config.EnvironmentConfig;
import dev.tokengate.core.config.PolicyScope;
import dev.tokengate.core.policy.AuthorizerResponse;
import dev.tokengate.core.policy.PolicyFactory;
import dev.tokengate.core.verify.Reason;
import dev.tokengate.core.verify.TokenVerifier;
import dev.tokengate.core.verify.Verdict;
import dev.tokengate.testing.TestTokens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Coverage-guided fuzz tests (Jazzer) of everything in the authorizer that reads attacker-controlled text: the
 * handler end to end, the verifier behind a valid MAC, and the {@code methodArn} parser.
 *
 * <p>The properties: never an Allow for a token the key did not sign; an Allow only for claims that meet every
 * rule, judged by {@link TokenRules}, which shares no code with the verifier; never an exception but
 * {@code RuntimeException("Unauthorized")} from the handler, {@code IllegalArgumentException} from the parser,
 * and none at all from the verifier.
 *
 * <p>In the normal build each method runs once per file under {@code AuthorizerFuzzTestInputs/<method>/} (seeds
 * and past findings, as readable text). With {@code JAZZER_FUZZ=1} Jazzer fuzzes one method per JVM (the
 * {@code fuzz} profile runs each in turn) and writes any crashing input into that folder. All fuzz tests live in
 * this one class because Jazzer's agent makes the JVM start slowly.
 */
class AuthorizerFuzzTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> REASON_CODES =
      EnumSet.allOf(Reason.class).stream().map(Reason::code).collect(Collectors.toSet());

  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final AuthorizerHandler handler = new AuthorizerHandler(
      TestTokens.env(), TestTokens.CLOCK, new PrintStream(logBytes, true, StandardCharsets.UTF_8));
  private final AuthorizerHandler methodScoped = new AuthorizerHandler(
      TestTokens.env(EnvironmentConfig.POLICY_SCOPE, "method"), TestTokens.CLOCK,
      new PrintStream(logBytes, true, StandardCharsets.UTF_8));

  /**
   * The input is text in one of three shapes: {@code {...}} is a raw Lambda event; {@code <methodArn>\n<header>}
   * gives both values; anything else is the {@code Authorization} header for a valid method ARN. Each input goes
   * to two handlers, one per {@code POLICY_SCOPE}: a stage-scoped policy covers exactly the request's stage, a
   * method-scoped Allow exactly the request's method ARN, with no IAM wildcard in it.
   */
  @FuzzTest(maxDuration = "60s")
  @DictionaryEntries({"Bearer ", "bearer ", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.", "\"authorizationToken\":",
      "\"methodArn\":", "arn:aws:execute-api:us-east-1:123456789012:", "/Prod/GET/", "*", "?"})
  void handlerAnswersOnlyWithAPolicyOrUnauthorizedAndAllowsOnlySignedTokens(byte[] input) {
    for (PolicyScope scope : PolicyScope.values()) {
      answersOnlyWithAPolicyOrUnauthorizedAndAllowsOnlySignedTokens(
          scope == PolicyScope.METHOD ? methodScoped : handler, scope, input);
    }
  }

  private void answersOnlyWithAPolicyOrUnauthorizedAndAllowsOnlySignedTokens(
      AuthorizerHandler scoped, PolicyScope scope, byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    String header;
    String methodArn;
    Outcome outcome;
    if (text.startsWith("{")) {
      JsonNode event = readOrNull(input);
      header = textField(event, "authorizationToken");
      methodArn = textField(event, "methodArn");
      outcome = Outcome.of(() -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        scoped.handleRequest(new ByteArrayInputStream(input), out, null);
        return JSON.readTree(out.toByteArray());
      });
    } else {
      int newline = text.indexOf('\n');
      methodArn = newline < 0 ? METHOD_ARN : text.substring(0, newline);
      header = newline < 0 ? text : text.substring(newline + 1);
      outcome = Outcome.of(() -> JSON.valueToTree(scoped.authorize(header, methodArn)));
    }

    if (outcome.thrown() != null) {
      assertThat(outcome.thrown()).describedAs("the only exception API Gateway turns into a 401")
          .hasMessage(AuthorizerHandler.UNAUTHORIZED)
          .hasNoCause()
          .extracting(Object::getClass).isEqualTo(RuntimeException.class);
    } else {
      assertIsAPolicyFor(scope, outcome.policy(), methodArn);
      if ("Allow".equals(effect(outcome.policy()))) {
        assertThat(TokenRules.isBearerSignedWithTheKey(header))
            .describedAs("an Allow for a token the key did not sign").isTrue();
      } else {
        assertThat(outcome.policy().path("principalId").asText()).isEqualTo(PolicyFactory.ANONYMOUS);
        assertThat(outcome.policy().path("context").path("reason").asText()).isIn(REASON_CODES);
      }
    }
    assertLogHoldsNeitherTokenNorSecret(text);
  }

  /**
   * The input is {@code <header JSON>\n<payload JSON>}, or only the payload under an HS256 header; both are signed
   * with the key as raw bytes, so the fuzzer gets past the MAC to the header and claim checks. Each token is
   * verified under several configurations, and {@link TokenRules} judges every Allow.
   */
  @FuzzTest(maxDuration = "60s")
  @DictionaryEntries({"{\"alg\":\"HS256\"", "\"exp\":", "\"nbf\":", "\"iat\":", "\"iss\":", "\"aud\":",
      "\"sub\":", "\"userId\":", "\"email\":", "\"crit\":", "\"kid\":", "\"typ\":", "\"cty\":", "\"b64\":",
      "4102444800", "1772323200", "1772323260", "1772323140", "253402300799", "1e3", "\"https://issuer.example\"",
      "[\"tokengate-api\"]"})
  void verifierAllowsOnlyClaimsThatMeetEveryRule(byte[] input) {
    int newline = indexOf(input, (byte) '\n');
    byte[] header = newline < 0 ? TestTokens.HS256_HEADER.getBytes(StandardCharsets.UTF_8)
        : Arrays.copyOfRange(input, 0, newline);
    byte[] payload = newline < 0 ? input : Arrays.copyOfRange(input, newline + 1, input.length);
    String token = TokenRules.signWithTheKey(header, payload);

    for (TokenRules.Profile profile : TokenRules.PROFILES) {
      Verdict verdict = profile.verifier().verify(token);
      if (verdict instanceof Verdict.Allowed allowed) {
        assertThat(TokenRules.brokenRule(profile, header, payload))
            .describedAs("an Allow under %s", profile.name()).isEmpty();
        assertThat(allowed.principal()).isEqualTo(TokenRules.expectedPrincipal(profile, payload));
        assertThat(allowed.context().values()).describedAs("context values under %s", profile.name())
            .allSatisfy(value -> assertThat(TokenRules.isPlainText(String.valueOf(value))).isTrue());
      }
      assertThat(verdict.kid().map(String::length).orElse(0)).isLessThanOrEqualTo(TokenVerifier.MAX_KID_LENGTH);
    }
  }

  /** A method ARN is accepted only when the parsed parts give back exactly the input. */
  @FuzzTest(maxDuration = "20s")
  @DictionaryEntries({"arn:", "aws", "aws-cn", "aws-us-gov", ":execute-api:", "us-east-1", "cn-north-1",
      "123456789012", "/Prod/", "/GET/", "/*/"})
  void methodArnParsesOnlyWhatItCanRebuild(byte[] input) {
    String arn = new String(input, StandardCharsets.UTF_8);
    MethodArn parsed;
    try {
      parsed = MethodArn.parse(arn);
    } catch (IllegalArgumentException expected) {
      assertThat(expected).hasMessageStartingWith("methodArn ").hasNoCause();
      return;
    }
    assertThat(parsed.arn()).isEqualTo(arn);
    for (String part : List.of(parsed.partition(), parsed.region(), parsed.account(), parsed.apiId())) {
      assertThat(part).isNotEmpty().doesNotContain(":").doesNotContain("/");
    }
    assertThat(parsed.stage()).isNotEmpty().doesNotContain("/").doesNotContain("*");
    int stageEnd = arn.indexOf('/', arn.indexOf('/') + 1);
    assertThat(parsed.anyMethodInStage()).isEqualTo(arn.substring(0, stageEnd) + "/*/*");
  }

  /**
   * A policy's one statement grants or denies {@code execute-api:Invoke} on the request's stage and no further,
   * or with method scope on exactly the request's method ARN, which then holds no IAM wildcard ({@code *},
   * {@code ?}).
   */
  private static void assertIsAPolicyFor(PolicyScope scope, JsonNode policy, String methodArn) {
    assertThat(policy.path("principalId").isTextual()).isTrue();
    JsonNode statements = policy.path("policyDocument").path("Statement");
    assertThat(statements.size()).isEqualTo(1);
    JsonNode statement = statements.get(0);
    assertThat(statement.path("Action").asText()).isEqualTo(AuthorizerResponse.EXECUTE_API_INVOKE);
    assertThat(statement.path("Effect").asText()).isIn("Allow", "Deny");
    assertThat(statement.path("Resource").size()).isEqualTo(1);
    String resource = statement.path("Resource").get(0).asText();
    if (scope == PolicyScope.METHOD) {
      assertThat(resource).isEqualTo(methodArn).doesNotContain("*").doesNotContain("?");
    } else {
      assertThat(resource).endsWith("/*/*");
      assertThat(methodArn).startsWith(resource.substring(0, resource.length() - "*/*".length()));
    }
    assertThat(policy.path("context").properties()).allSatisfy(
        member -> assertThat(member.getValue().isValueNode() && !member.getValue().isNull()).isTrue());
  }

  /**
   * The decision log names a token only by its fingerprint. A token cannot hide inside the logged {@code kid}
   * or principal, which are shorter than the token that carries them; short inputs could match log keywords.
   */
  private void assertLogHoldsNeitherTokenNorSecret(String input) {
    String log = logBytes.toString(StandardCharsets.UTF_8);
    logBytes.reset();
    int space = input.indexOf(' ');
    String token = space < 0 ? input : input.substring(space + 1);
    if (token.length() >= 16) {
      assertThat(log).doesNotContain(token);
    }
    if (!input.contains(SECRET)) {
      assertThat(log).doesNotContain(SECRET);
    }
  }

  private static String effect(JsonNode policy) {
    return policy.path("policyDocument").path("Statement").path(0).path("Effect").asText();
  }

  private static JsonNode readOrNull(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      return null;
    }
  }

  private static String textField(JsonNode event, String name) {
    JsonNode value = event == null ? null : event.get(name);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  private static int indexOf(byte[] bytes, byte wanted) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  /** What one call did: returned a policy (as JSON) or threw. */
  private record Outcome(JsonNode policy, Throwable thrown) {

    interface Call {
      JsonNode run() throws Exception;
    }

    static Outcome of(Call call) {
      try {
        return new Outcome(call.run(), null);
      } catch (Exception e) {
        return new Outcome(null, e);
      }
    }
  }
}
