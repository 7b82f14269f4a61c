package dev.tokengate.core.arn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretArnTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:tokengate/jwt-AbCdEf",
      "arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:key",
      "arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:a+b=c.d@e_f-g"})
  void parsesWhatItCanRebuild(String text) {
    assertThat(SecretArn.parse(text).arn()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:tokengate/jwt-AbCdEf"})
  void readsEachPart(String text) {
    SecretArn arn = SecretArn.parse(text);

    assertThat(arn.partition()).isEqualTo("aws");
    assertThat(arn.region()).isEqualTo("eu-west-1");
    assertThat(arn.account()).isEqualTo("123456789012");
    assertThat(arn.name()).isEqualTo("tokengate/jwt-AbCdEf");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {
      "",
      "tokengate/jwt",
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:",
      "arn:aws:secretsmanager:eu-west-1:12345678901:secret:key",
      "arn:aws:ssm:eu-west-1:123456789012:parameter/key",
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:key with space",
      "arn:aws:secretsmanager::123456789012:secret:key",
      "arn:gcp:secretsmanager:eu-west-1:123456789012:secret:key"})
  void refusesWhatIsNotASecretArn(String text) {
    assertThatThrownBy(() -> SecretArn.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
