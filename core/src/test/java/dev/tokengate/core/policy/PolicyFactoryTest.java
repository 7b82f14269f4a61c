package dev.tokengate.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokengate.core.arn.MethodArn;
import dev.tokengate.core.config.PolicyScope;
import dev.tokengate.core.verify.Reason;
import dev.tokengate.core.verify.Verdict;
import dev.tokengate.testing.TestTokens;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyFactoryTest {

  private final MethodArn arn = MethodArn.parse(TestTokens.METHOD_ARN);

  @Test
  void allowCoversTheWholeStageByDefaultBecauseThePolicyIsCachedForEveryRoute() {
    AuthorizerResponse response = new PolicyFactory(PolicyScope.STAGE).allow("alice", arn, Map.of("sub", "alice"));

    AuthorizerResponse.Statement statement = response.policyDocument().statement().get(0);
    assertThat(statement.effect()).isEqualTo("Allow");
    assertThat(statement.resource()).containsExactly(TestTokens.STAGE_ARN);
    assertThat(response.context()).containsExactly(Map.entry("sub", "alice"));
  }

  @Test
  void allowCoversOnlyTheMethodWhenScopedSo() {
    AuthorizerResponse response = new PolicyFactory(PolicyScope.METHOD).allow("alice", arn, Map.of());

    assertThat(response.policyDocument().statement().get(0).resource()).containsExactly(TestTokens.METHOD_ARN);
  }

  @Test
  void methodScopedAllowNeverHoldsAnIamWildcardBecauseTheArnParserRefusesThem() {
    PolicyFactory byMethod = new PolicyFactory(PolicyScope.METHOD);
    String base = "arn:aws:execute-api:us-east-1:123456789012:abcdef1234/Prod/";

    for (String methodAndPath : new String[] {"GET/hello*", "GET/hello?", "*/hello"}) {
      assertThatThrownBy(() -> byMethod.allow("alice", MethodArn.parse(base + methodAndPath), Map.of()))
          .isInstanceOf(IllegalArgumentException.class);
    }
    String resource = byMethod.allow("alice", MethodArn.parse(base + "GET/users/42"), Map.of())
        .policyDocument().statement().get(0).resource().get(0);
    assertThat(resource).isEqualTo(base + "GET/users/42").doesNotContain("*").doesNotContain("?");
  }

  @Test
  void denyCarriesReasonAndMessageAndNoClaimAsPrincipal() {
    AuthorizerResponse response = new PolicyFactory(PolicyScope.STAGE)
        .policyFor(new Verdict.Denied(Reason.INVALID_SIGNATURE, Optional.empty()), arn);

    assertThat(response.principalId()).isEqualTo(PolicyFactory.ANONYMOUS);
    assertThat(response.policyDocument().statement().get(0).effect()).isEqualTo("Deny");
    assertThat(response.context())
        .containsExactly(Map.entry("reason", "invalid_signature"), Map.entry("message", "invalid signature"));
  }

  @Test
  void policyForAllowedVerdictUsesItsPrincipalAndContext() {
    Verdict verdict = new Verdict.Allowed("bob", Map.of("scope", "read"), Map.of(), Optional.empty());

    AuthorizerResponse response = new PolicyFactory(PolicyScope.STAGE).policyFor(verdict, arn);

    assertThat(response.principalId()).isEqualTo("bob");
    assertThat(response.context()).containsExactly(Map.entry("scope", "read"));
    assertThat(response.usageIdentifierKey()).isNull();
  }

  @Test
  void policyForAllowedVerdictCarriesItsUsageIdentifierKeyOutsideTheContext() {
    Verdict verdict = new Verdict.Allowed("bob", Map.of("sub", "bob"), Map.of(), Optional.empty(),
        Optional.of("clientKey0123456789abcdef"));

    AuthorizerResponse response = new PolicyFactory(PolicyScope.STAGE).policyFor(verdict, arn);

    assertThat(response.usageIdentifierKey()).isEqualTo("clientKey0123456789abcdef");
    assertThat(response.context()).containsExactly(Map.entry("sub", "bob"));
    assertThat(response.policyDocument().statement().get(0).effect()).isEqualTo("Allow");
  }

  @Test
  void neitherAnAllowBuiltFromPartsNorADenyCarriesAUsageIdentifierKey() {
    PolicyFactory policies = new PolicyFactory(PolicyScope.STAGE);

    assertThat(policies.allow("bob", arn, Map.of()).usageIdentifierKey()).isNull();
    assertThat(policies.deny(Reason.MISSING_USAGE_IDENTIFIER, arn).usageIdentifierKey()).isNull();
  }
}
