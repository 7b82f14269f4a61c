package dev.tokengate.localgateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WildcardTest {

  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource({
      "arn:aws:execute-api:us-east-1:123456789012:abc/Prod/*/*, arn:aws:execute-api:us-east-1:123456789012:abc/Prod/GET/hello, true",
      "arn:aws:execute-api:us-east-1:123456789012:abc/Prod/*/*, arn:aws:execute-api:us-east-1:123456789012:abc/Prod/GET/a/b/c, true",
      "arn:aws:execute-api:us-east-1:123456789012:abc/Prod/GET/hello, arn:aws:execute-api:us-east-1:123456789012:abc/Prod/GET/whoami, false",
      "arn:aws:execute-api:us-east-1:123456789012:abc/Prod/GET/hello, arn:aws:execute-api:us-east-1:123456789012:abc/Prod/GET/hello/x, false",
      "arn:aws:execute-api:*:*:abc/*, arn:aws:execute-api:eu-west-1:999999999999:abc/Prod/POST/x, true",
      "arn:aws:execute-api:us-east-1:123456789012:abc/Prod/GE?/hello, arn:aws:execute-api:us-east-1:123456789012:abc/Prod/GET/hello, true",
      "arn:aws:execute-api:us-east-1:123456789012:abc/Prod/GE?/hello, arn:aws:execute-api:us-east-1:123456789012:abc/Prod/GE/hello, false",
      "*, anything at all, true",
      "'', '', true",
      "'', x, false",
      "a*b*c, aXbYbZc, true",
      "a*b*c, aXbYbZ, false",
      "arn:aws:execute-api:us-east-1:123456789012:abc/prod/*, arn:aws:execute-api:us-east-1:123456789012:abc/Prod/GET/x, false",
  })
  void matchesResourcesLikeIam(String pattern, String arn, boolean expected) {
    assertThat(Wildcard.matches(pattern, arn, false)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource({
      "execute-api:Invoke, execute-api:Invoke, true",
      "execute-api:invoke, execute-api:Invoke, true",
      "execute-api:*, execute-api:Invoke, true",
      "execute-api:Inv?ke, execute-api:Invoke, true",
      "execute-api:ManageConnections, execute-api:Invoke, false",
  })
  void comparesActionsWithoutRegardToCase(String pattern, String action, boolean expected) {
    assertThat(Wildcard.matches(pattern, action, true)).isEqualTo(expected);
  }
}
