package dev.tokengate.authorizer;

import static dev.tokengate.testing.TestTokens.METHOD_ARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tokengate.core.policy.AuthorizerResponse;
import dev.tokengate.testing.TestTokens;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Feeds seeded random mutations of one valid token through the handler. Any change to a valid token must end
 * in a Deny or in exactly {@code Unauthorized}: never an Allow, never any other exception (which API Gateway
 * would answer with 500). The seed makes every case reproducible by its index.
 */
class AuthorizerHandlerMutationTest {

  private static final int CASES = 5000;
  private static final long SEED = 0x70_6b_65_6e_67_61_74_65L;
  private static final String VALID = TestTokens.valid();
  private static final String CHARSET_POOL =
      "ABCxyz019-_.=+/ \t\n\u0000\u00e9\u0430\uFFFD\uD83D\uDE00%\"{}\\";

  private static final AuthorizerHandler HANDLER = new AuthorizerHandler(
      TestTokens.env(), TestTokens.CLOCK, new PrintStream(OutputStream.nullOutputStream()));

  static Stream<Arguments> mutations() {
    Random random = new Random(SEED);
    return IntStream.range(0, CASES).mapToObj(index -> {
      String mutated = VALID;
      String applied = "";
      // One to three mutations in a row, until the token differs from the valid one.
      int rounds = 1 + random.nextInt(3);
      for (int round = 0; round < rounds || mutated.equals(VALID); round++) {
        int kind = random.nextInt(9);
        mutated = mutate(kind, mutated, random);
        applied += (applied.isEmpty() ? "" : "+") + KINDS[kind];
      }
      return Arguments.of(index, applied, mutated);
    });
  }

  private static final String[] KINDS = {"bit-flip", "truncate", "segment-swap", "re-encode-standard",
      "insert", "delete", "duplicate-segment", "re-encode-json", "replace-header"};

  private static String mutate(int kind, String token, Random random) {
    String[] parts = token.split("\\.", -1);
    switch (kind) {
      case 0: {
        if (token.isEmpty()) {
          return "x";
        }
        int at = random.nextInt(token.length());
        char flipped = (char) (token.charAt(at) ^ (1 << random.nextInt(8)));
        return token.substring(0, at) + flipped + token.substring(at + 1);
      }
      case 1:
        return token.substring(0, random.nextInt(Math.max(1, token.length())));
      case 2: {
        if (parts.length < 2) {
          return token + ".";
        }
        int a = random.nextInt(parts.length);
        int b = random.nextInt(parts.length);
        String swap = parts[a];
        parts[a] = parts[b];
        parts[b] = swap;
        return String.join(".", parts);
      }
      case 3: {
        int at = random.nextInt(parts.length);
        try {
          byte[] bytes = Base64.getUrlDecoder().decode(parts[at]);
          parts[at] = random.nextBoolean()
              ? Base64.getEncoder().encodeToString(bytes)
              : Base64.getUrlEncoder().encodeToString(bytes);
        } catch (IllegalArgumentException e) {
          parts[at] = parts[at] + "==";
        }
        return String.join(".", parts);
      }
      case 4: {
        int at = random.nextInt(token.length() + 1);
        int c = random.nextInt(CHARSET_POOL.length());
        return token.substring(0, at) + CHARSET_POOL.charAt(c) + token.substring(at);
      }
      case 5: {
        if (token.isEmpty()) {
          return ".";
        }
        int at = random.nextInt(token.length());
        return token.substring(0, at) + token.substring(at + 1);
      }
      case 6: {
        int at = random.nextInt(parts.length);
        return random.nextBoolean() ? token + "." + parts[at] : parts[at] + "." + token;
      }
      case 7: {
        // Same JSON meaning, different bytes: the MAC covers the bytes, so this must fail.
        int at = random.nextInt(Math.min(2, parts.length));
        try {
          String json = new String(Base64.getUrlDecoder().decode(parts[at]), StandardCharsets.UTF_8);
          String respaced = json.replace(",", random.nextBoolean() ? ", " : ",\n").replace(":", ": ");
          parts[at] = TestTokens.b64(respaced.equals(json) ? " " + json : respaced);
        } catch (IllegalArgumentException e) {
          parts[at] = "e30";
        }
        return String.join(".", parts);
      }
      default: {
        String[] headers = {"{\"alg\":\"none\"}", "{\"alg\":\"HS512\"}", "{\"alg\":\"HS256\",\"crit\":[\"x\"]}",
            "{\"alg\":\"HS256\",\"kid\":\"other\"}", "{\"alg\":\"HS256\",\"typ\":\"JWT\"}"};
        parts[0] = TestTokens.b64(headers[random.nextInt(headers.length)]);
        return String.join(".", parts);
      }
    }
  }

  @Test
  void unmutatedTokenIsAllowedSoTheMutationsAreWhatGetsDenied() {
    AuthorizerResponse response = HANDLER.authorize("Bearer " + VALID, METHOD_ARN);

    assertThat(response.policyDocument().statement().get(0).effect()).isEqualTo("Allow");
  }

  @ParameterizedTest(name = "[{0}] {1}")
  @MethodSource("mutations")
  void mutatedTokenIsNeverAllowedAndOnlyEverUnauthorizedIsThrown(int index, String applied, String token) {
    Object[] outcome = new Object[1];
    Throwable thrown = catchThrowable(() -> outcome[0] = HANDLER.authorize("Bearer " + token, METHOD_ARN));

    if (thrown != null) {
      assertThat(thrown).isExactlyInstanceOf(RuntimeException.class).hasMessage("Unauthorized");
    } else {
      AuthorizerResponse response = (AuthorizerResponse) outcome[0];
      assertThat(response.policyDocument().statement()).allSatisfy(s -> assertThat(s.effect()).isEqualTo("Deny"));
    }
  }
}
