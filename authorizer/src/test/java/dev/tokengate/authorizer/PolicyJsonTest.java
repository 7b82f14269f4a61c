package dev.tokengate.authorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokengate.core.arn.MethodArn;
import dev.tokengate.core.config.PolicyScope;
import dev.tokengate.core.policy.AuthorizerResponse;
import dev.tokengate.core.policy.PolicyFactory;
import dev.tokengate.core.verify.Reason;
import dev.tokengate.core.verify.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link PolicyJson} writes byte for byte what {@code ObjectMapper} writes for the response record. */
class PolicyJsonTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final PolicyFactory STAGE = new PolicyFactory(PolicyScope.STAGE);
  private static final PolicyFactory METHOD = new PolicyFactory(PolicyScope.METHOD);
  private static final MethodArn ARN = MethodArn.parse(
      "arn:aws-cn:execute-api:cn-north-1:123456789012:abcdef1234/Prod/POST/a/b/{c}/%20");

  static Stream<AuthorizerResponse> responses() {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("sub", "al\"ice\\ \u00e9 \ud83d\ude00 \u0001 </script>");
    context.put("n", 9_223_372_036_854_775_807L);
    context.put("i", -7);
    context.put("d", 0.1);
    context.put("e", 1.0e300);
    context.put("f", 1.5f);
    context.put("t", true);
    context.put("big", new BigInteger("99999999999999999999"));
    context.put("decimal", new BigDecimal("1.50"));
    context.put("scope", "read write");
    context.put("nothing", null);
    return Stream.concat(
        Stream.of(STAGE.allow("alice", ARN, context), METHOD.allow("123", ARN, Map.of()),
            STAGE.allow("\u2028", ARN, Map.of("empty", "")),
            STAGE.policyFor(new Verdict.Allowed("alice", context, Map.of(), Optional.empty(),
                Optional.of("clientKey0123456789abcdef")), ARN)),
        Stream.of(Reason.values()).map(reason -> STAGE.deny(reason, ARN)));
  }

  @ParameterizedTest
  @MethodSource("responses")
  void writesWhatObjectMapperWrites(AuthorizerResponse response) throws IOException {
    assertThat(new String(write(response), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(new String(MAPPER.writeValueAsBytes(response), java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void refusesAContextValueApiGatewayWouldNotAccept() {
    AuthorizerResponse response = STAGE.allow("alice", ARN, Map.of("list", List.of("a")));

    assertThatThrownBy(() -> write(response))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("string, number or boolean");
  }

  private static byte[] write(AuthorizerResponse response) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // Closing the generator must not be what completes the JSON: PolicyJson writes every end marker itself.
    JsonFactory json = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_CONTENT).build();
    try (JsonGenerator generator = json.createGenerator(out)) {
      PolicyJson.write(generator, response);
    }
    return out.toByteArray();
  }
}
