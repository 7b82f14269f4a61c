package dev.tokengate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokengate.core.policy.AuthorizerResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsageKeyMaskTest {

  private static final String KEY = "clientKey0123456789abcdef";
  private static final AuthorizerResponse.PolicyDocument DOCUMENT = new AuthorizerResponse.PolicyDocument(
      AuthorizerResponse.VERSION_2012_10_17, List.of(new AuthorizerResponse.Statement(
          AuthorizerResponse.EXECUTE_API_INVOKE, List.of("arn:aws:execute-api:us-east-1:1:a/b/*/*"), "Allow")));

  @Test
  void showsTheFirstFourCharactersAndTheLength() {
    assertThat(UsageKeyMask.mask(KEY)).isEqualTo("clie... (25 characters)");
    assertThat(UsageKeyMask.mask("abc")).isEqualTo("abc... (3 characters)");
  }

  @Test
  void masksTheKeyOfAResponseAndKeepsEverythingElse() {
    AuthorizerResponse masked = UsageKeyMask.inResponse(
        new AuthorizerResponse("alice", DOCUMENT, Map.of("sub", "alice"), KEY));

    assertThat(masked).isEqualTo(new AuthorizerResponse("alice", DOCUMENT, Map.of("sub", "alice"),
        "clie... (25 characters)"));
    AuthorizerResponse without = new AuthorizerResponse("alice", DOCUMENT, Map.of());
    assertThat(UsageKeyMask.inResponse(without)).isSameAs(without);
  }

  @Test
  void masksOnlyAStringValueOfTheConfiguredClaim() {
    Map<String, Object> claims = Map.of("sub", "alice", "api_key", KEY, "n", 7L);

    assertThat(UsageKeyMask.inClaims(claims, Optional.of("api_key")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("sub", "alice", "api_key", "clie... (25 characters)", "n", 7L));
    assertThat(UsageKeyMask.inClaims(claims, Optional.empty())).isSameAs(claims);
    assertThat(UsageKeyMask.inClaims(claims, Optional.of("n"))).isSameAs(claims);
    assertThat(UsageKeyMask.inClaims(claims, Optional.of("absent"))).isSameAs(claims);
  }
}
