package dev.tokengate.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The response value; the authorizer module proves its JSON equals what AWS's serializer writes. */
class AuthorizerResponseTest {

  private static final String KEY = "clientKey0123456789abcdef";
  private static final AuthorizerResponse.PolicyDocument DOCUMENT = new AuthorizerResponse.PolicyDocument(
      AuthorizerResponse.VERSION_2012_10_17, List.of(new AuthorizerResponse.Statement(
          AuthorizerResponse.EXECUTE_API_INVOKE, List.of("arn:aws:execute-api:us-east-1:1:a/b/*/*"), "Allow")));

  @Test
  void neverPrintsTheUsageIdentifierKey() {
    AuthorizerResponse response = new AuthorizerResponse("alice", DOCUMENT, Map.of("sub", "alice"), KEY);

    assertThat(response.toString())
        .doesNotContain(KEY)
        .contains("principalId=alice", "context={sub=alice}", "usageIdentifierKey=<redacted>", "Allow");
    assertThat(new AuthorizerResponse("alice", DOCUMENT, Map.of()).toString()).contains("usageIdentifierKey=<unset>");
  }

  @Test
  void writesTheUsageIdentifierKeyLastAndOnlyWhenThereIsOne() throws Exception {
    ObjectMapper json = new ObjectMapper();

    assertThat(json.writeValueAsString(new AuthorizerResponse("alice", DOCUMENT, Map.of(), KEY)))
        .endsWith(",\"context\":{},\"usageIdentifierKey\":\"" + KEY + "\"}");
    assertThat(json.writeValueAsString(new AuthorizerResponse("alice", DOCUMENT, Map.of())))
        .endsWith(",\"context\":{}}")
        .doesNotContain("usageIdentifierKey");
  }
}
