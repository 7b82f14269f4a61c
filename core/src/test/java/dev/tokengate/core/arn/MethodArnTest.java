package dev.tokengate.core.arn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MethodArnTest {

  @Test
  void parsesEveryPart() {
    MethodArn arn = MethodArn.parse("arn:aws:execute-api:eu-west-1:123456789012:a1b2c3/Prod/POST/orders/42/items");

    assertThat(arn).isEqualTo(
        new MethodArn("aws", "eu-west-1", "123456789012", "a1b2c3", "Prod", "POST", "orders/42/items"));
    assertThat(arn.arn()).isEqualTo("arn:aws:execute-api:eu-west-1:123456789012:a1b2c3/Prod/POST/orders/42/items");
  }

  @ParameterizedTest
  @CsvSource({
      "aws, us-east-1", "aws-cn, cn-north-1", "aws-us-gov, us-gov-west-1", "aws-iso, us-iso-east-1"})
  void keepsThePartitionInTheStageWildcard(String partition, String region) {
    MethodArn arn = MethodArn.parse("arn:" + partition + ":execute-api:" + region + ":123456789012:api1/dev/GET/x");

    assertThat(arn.anyMethodInStage())
        .isEqualTo("arn:" + partition + ":execute-api:" + region + ":123456789012:api1/dev/*/*");
  }

  @Test
  void parsesTheRootResource() {
    MethodArn arn = MethodArn.parse("arn:aws:execute-api:us-east-1:123456789012:api1/Prod/GET/");

    assertThat(arn.resource()).isEmpty();
    assertThat(arn.arn()).endsWith("/Prod/GET/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "arn", "arn:aws:execute-api:us-east-1:123456789012:api1/Prod",
      "arn:aws:execute-api:us-east-1:12345:api1/Prod/GET/x", "arn:aws:s3:us-east-1:123456789012:api1/Prod/GET/x",
      "arn:evil:execute-api:us-east-1:123456789012:api1/Prod/GET/x", "arn:aws:execute-api:us-east-1:123456789012:api1/Prod/GET/a b",
      "arn:aws:execute-api:us-east-1:123456789012:api1/*/GET/x", "ARN:aws:execute-api:us-east-1:123456789012:api1/Prod/GET/x"})
  void rejectsAnythingButAnExecuteApiMethodArn(String value) {
    assertThatThrownBy(() -> MethodArn.parse(value)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("methodArn");
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET/*", "GET/admin*", "GET/a/*/b", "GET/a?", "GET/?", "GET/users/?/delete", "*/hello",
      "*/"})
  void rejectsIamWildcardsInTheMethodOrResourcePath(String methodAndPath) {
    String arn = "arn:aws:execute-api:us-east-1:123456789012:api1/Prod/" + methodAndPath;

    assertThatThrownBy(() -> MethodArn.parse(arn)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("methodArn");
  }

  @Test
  void keepsEveryOtherPrintableCharacterOfThePath() {
    String path = "!\"#$%&'()+,-./0123456789:;<=>@ABCXYZ[\\]^_`abcxyz{|}~";

    assertThat(MethodArn.parse("arn:aws:execute-api:us-east-1:123456789012:api1/Prod/GET/" + path).resource())
        .isEqualTo(path);
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> MethodArn.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void acceptsAnArnOfExactly2048CharactersAndNotMore() {
    String prefix = "arn:aws:execute-api:us-east-1:123456789012:abcdef1234/Prod/GET/";
    String longest = prefix + "r".repeat(2048 - prefix.length());

    assertThat(MethodArn.parse(longest).arn()).isEqualTo(longest);
    assertThatThrownBy(() -> MethodArn.parse(longest + "r")).isInstanceOf(IllegalArgumentException.class);
  }
}
