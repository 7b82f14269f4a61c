package dev.tokengate.core;

import static dev.tokengate.testing.TestTokens.CLOCK;
import static dev.tokengate.testing.TestTokens.METHOD_ARN;
import static dev.tokengate.testing.TestTokens.SECRET;
import static dev.tokengate.testing.TestTokens.STAGE_ARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokengate.core.config.AuthorizerConfig;
import dev.tokengate.core.config.InvalidTokenResponse;
import dev.tokengate.core.verify.HmacKey;
import dev.tokengate.core.verify.KeySource;
import dev.tokengate.core.verify.Reason;
import dev.tokengate.testing.TestTokens;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizerTest {

  private static final String EXPIRED = TestTokens.sign(TestTokens.HS256_HEADER,
      "{\"sub\":\"alice\",\"exp\":" + (TestTokens.NOW_SECONDS - 3600) + "}");

  private final AuthorizerConfig config = AuthorizerConfig.builder().secret(SECRET).build();
  private final Authorizer authorizer = authorizer(config);

  @Test
  void allowsAValidTokenForTheWholeStage() {
    Decision decision = authorizer.decide("Bearer " + TestTokens.valid(), METHOD_ARN);

    assertThat(decision).isInstanceOfSatisfying(Decision.Allow.class, allow -> {
      assertThat(allow.verdict().principal()).isEqualTo("alice");
      assertThat(allow.policy().principalId()).isEqualTo("alice");
      assertThat(allow.policy().policyDocument().statement().get(0).effect()).isEqualTo("Allow");
      assertThat(allow.policy().policyDocument().statement().get(0).resource()).containsExactly(STAGE_ARN);
      assertThat(allow.kid()).isEmpty();
    });
  }

  @Test
  void deniesAnExpiredTokenWithItsReasonInThePolicy() {
    Decision decision = authorizer.decide("Bearer " + EXPIRED, METHOD_ARN);

    assertThat(decision).isInstanceOfSatisfying(Decision.Deny.class, deny -> {
      assertThat(deny.reason()).isEqualTo(Reason.TOKEN_EXPIRED);
      assertThat(deny.policy().policyDocument().statement().get(0).effect()).isEqualTo("Deny");
      assertThat(deny.policy().context()).containsEntry("reason", "token_expired");
      assertThat(deny.kid()).isEmpty();
    });
  }

  @Test
  void carriesTheTokensKidInEveryDecision() {
    String withKid = TestTokens.sign("{\"alg\":\"HS256\",\"kid\":\"k1\"}",
        "{\"sub\":\"alice\",\"exp\":" + TestTokens.FAR_FUTURE + "}");
    String expiredWithKid = TestTokens.sign("{\"alg\":\"HS256\",\"kid\":\"k1\"}",
        "{\"sub\":\"alice\",\"exp\":" + (TestTokens.NOW_SECONDS - 3600) + "}");
    Authorizer strict = authorizer(
        AuthorizerConfig.builder().secret(SECRET).invalidTokenResponse(InvalidTokenResponse.UNAUTHORIZED).build());

    assertThat(authorizer.decide("Bearer " + withKid, METHOD_ARN).kid()).contains("k1");
    assertThat(authorizer.decide("Bearer " + expiredWithKid, METHOD_ARN).kid()).contains("k1");
    assertThat(strict.decide("Bearer " + expiredWithKid, METHOD_ARN).kid()).contains("k1");
  }

  @Test
  void answersUnauthorizedForAnInvalidTokenWhenConfiguredSo() {
    Authorizer strict = authorizer(
        AuthorizerConfig.builder().secret(SECRET).invalidTokenResponse(InvalidTokenResponse.UNAUTHORIZED).build());

    assertThat(strict.decide("Bearer " + EXPIRED, METHOD_ARN))
        .isEqualTo(new Decision.Unauthorized("token_expired", Optional.empty()));
    assertThat(strict.decide("Bearer " + TestTokens.valid(), METHOD_ARN)).isInstanceOf(Decision.Allow.class);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearer a.b", "Bearer  a.b.c", "a.b.c"})
  void answersUnauthorizedWithoutABearerToken(String header) {
    assertThat(authorizer.decide(header, METHOD_ARN))
        .isEqualTo(new Decision.Unauthorized(Decision.Unauthorized.NO_BEARER_TOKEN, Optional.empty()));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"arn:aws:execute-api:us-east-1:123456789012:abcdef1234/Prod", "not an arn"})
  void answersUnauthorizedWithoutAUsableMethodArn(String methodArn) {
    assertThat(authorizer.decide("Bearer " + TestTokens.valid(), methodArn))
        .isEqualTo(new Decision.Unauthorized(Decision.Unauthorized.MALFORMED_METHOD_ARN, Optional.empty()));
  }

  @Test
  void scopesEachPolicyToTheArnOfItsOwnRequest() {
    Authorizer byMethod = authorizer(AuthorizerConfig.builder().secret(SECRET)
        .policyScope(dev.tokengate.core.config.PolicyScope.METHOD).build());
    String other = "arn:aws:execute-api:us-east-1:123456789012:abcdef1234/Prod/POST/orders";

    for (String arn : new String[] {METHOD_ARN, other, METHOD_ARN, METHOD_ARN, other}) {
      Decision decision = byMethod.decide("Bearer " + TestTokens.valid(), arn);
      assertThat(((Decision.Allow) decision).policy().policyDocument().statement().get(0).resource())
          .containsExactly(arn);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET/admin*", "GET/*", "GET/a?", "*/hello"})
  void answersUnauthorizedForAMethodArnWithIamWildcardsInsteadOfAWiderMethodPolicy(String methodAndPath) {
    Authorizer byMethod = authorizer(AuthorizerConfig.builder().secret(SECRET)
        .policyScope(dev.tokengate.core.config.PolicyScope.METHOD).build());
    String arn = "arn:aws:execute-api:us-east-1:123456789012:abcdef1234/Prod/" + methodAndPath;

    assertThat(byMethod.decide("Bearer " + TestTokens.valid(), arn))
        .isEqualTo(new Decision.Unauthorized(Decision.Unauthorized.MALFORMED_METHOD_ARN, Optional.empty()));
  }

  @Test
  void refusesAMalformedMethodArnRightAfterAGoodOne() {
    assertThat(authorizer.decide("Bearer " + TestTokens.valid(), METHOD_ARN)).isInstanceOf(Decision.Allow.class);
    assertThat(authorizer.decide("Bearer " + TestTokens.valid(), METHOD_ARN + " "))
        .isInstanceOf(Decision.Unauthorized.class);
  }

  @Test
  void returnsTheUsageIdentifierKeyInTheAllowAndNowhereElse() {
    Authorizer metered = authorizer(AuthorizerConfig.builder().secret(SECRET).usageIdentifierClaim("api_key").build());
    String key = "clientKey0123456789abcdef";
    String token = TestTokens.sign(TestTokens.HS256_HEADER,
        "{\"sub\":\"alice\",\"api_key\":\"" + key + "\",\"exp\":" + TestTokens.FAR_FUTURE + "}");

    assertThat(metered.decide("Bearer " + token, METHOD_ARN)).isInstanceOfSatisfying(Decision.Allow.class, allow -> {
      assertThat(allow.policy().usageIdentifierKey()).isEqualTo(key);
      assertThat(allow.policy().principalId()).isEqualTo("alice");
      assertThat(allow.policy().context()).doesNotContainValue(key);
    });
    assertThat(((Decision.Allow) authorizer.decide("Bearer " + token, METHOD_ARN)).policy().usageIdentifierKey())
        .isNull();
  }

  @Test
  void deniesATokenWithoutAUsageIdentifierWithAReasonOrAnswersUnauthorizedWhenConfiguredSo() {
    AuthorizerConfig.Builder metered = AuthorizerConfig.builder().secret(SECRET).usageIdentifierClaim("api_key");

    assertThat(authorizer(metered.build()).decide("Bearer " + TestTokens.valid(), METHOD_ARN))
        .isInstanceOfSatisfying(Decision.Deny.class, deny -> {
          assertThat(deny.reason()).isEqualTo(Reason.MISSING_USAGE_IDENTIFIER);
          assertThat(deny.policy().context()).containsEntry("message", "missing usage identifier");
          assertThat(deny.policy().usageIdentifierKey()).isNull();
        });
    assertThat(authorizer(metered.invalidTokenResponse(InvalidTokenResponse.UNAUTHORIZED).build())
        .decide("Bearer " + TestTokens.valid(), METHOD_ARN))
        .isEqualTo(new Decision.Unauthorized("missing_usage_identifier", Optional.empty()));
  }

  @Test
  void keepsTheConfigurationItWasBuiltWith() {
    assertThat(authorizer.config()).isSameAs(config);
  }

  @Test
  void rejectsMissingParts() {
    KeySource keys = KeySource.of(HmacKey.fromSecret(SECRET));
    assertThatThrownBy(() -> Authorizer.create(null, keys, CLOCK)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Authorizer.create(config, null, CLOCK)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Authorizer.create(config, keys, null)).isInstanceOf(NullPointerException.class);
  }

  private static Authorizer authorizer(AuthorizerConfig config) {
    return Authorizer.create(config, KeySource.of(HmacKey.fromSecret(SECRET)), CLOCK);
  }
}
