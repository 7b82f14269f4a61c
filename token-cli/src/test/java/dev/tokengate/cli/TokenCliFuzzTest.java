package dev.tokengate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokengate.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzz tests (Jazzer) of the parsers that read what users type: {@code --expires-in} durations and
 * {@code --claim} arguments. The property: a value, or an {@link IllegalArgumentException} (which token-cli
 * reports as a one-line usage error), never any other exception. And of what {@code inspect} and {@code verify}
 * print about a token an attacker wrote: no character a terminal acts on, one line per member.
 *
 * <p>In the normal build each method runs once per file under {@code TokenCliFuzzTestInputs/<method>/}; with
 * {@code JAZZER_FUZZ=1} Jazzer fuzzes one method per JVM (the {@code fuzz} profile runs each in turn).
 */
class TokenCliFuzzTest {

  private static final Pattern ONE_UNIT = Pattern.compile("(\\d{1,9})([dhms])");
  private static final ObjectMapper JSON = new ObjectMapper();

  @FuzzTest(maxDuration = "20s")
  @DictionaryEntries({"PT", "P", "D", "H", "M", "S", "d", "h", "m", "s", "-", ".5"})
  void durationIsWholeNonNegativeSecondsOrAUsageError(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    Duration duration;
    try {
      duration = DurationParser.parse(text);
    } catch (IllegalArgumentException expected) {
      // It echoes the argument as typed; ErrorReporter folds line breaks into one line at the boundary.
      assertThat(expected.getMessage()).isNotBlank();
      return;
    }
    assertThat(duration.isNegative()).isFalse();
    assertThat(duration.getNano()).isZero();
    Matcher single = ONE_UNIT.matcher(text);
    if (single.matches()) {
      long seconds = switch (single.group(2)) {
        case "d" -> 86_400L;
        case "h" -> 3_600L;
        case "m" -> 60L;
        default -> 1L;
      };
      assertThat(duration.getSeconds()).isEqualTo(Long.parseLong(single.group(1)) * seconds);
    }
  }

  @FuzzTest(maxDuration = "20s")
  @DictionaryEntries({"=", ":=", "true", "null", "[", "{\"k\":", "1e999", "9223372036854775808", "\"\\ud800\""})
  void claimIsNamedByWhatComesBeforeTheFirstEqualsSignOrAUsageError(byte[] input) {
    String argument = new String(input, StandardCharsets.UTF_8);
    Map.Entry<String, Object> claim;
    try {
      claim = ClaimParser.parse(argument);
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      return;
    }
    int equals = argument.indexOf('=');
    String before = argument.substring(0, equals);
    boolean typed = before.endsWith(":");
    assertThat(claim.getKey()).isNotEmpty().isEqualTo(typed ? before.substring(0, before.length() - 1) : before);
    if (!typed) {
      assertThat(claim.getValue()).isEqualTo(argument.substring(equals + 1));
    }
  }

  /**
   * The input is the header JSON, a line feed and the payload JSON (no line feed: the payload under the HS256
   * header), signed with the test key, so the verifier reads past the signature into the claims.
   */
  @FuzzTest(maxDuration = "20s")
  @DictionaryEntries({"{\"alg\":\"HS256\"", "\"kid\":", "\"typ\":", "\"sub\":", "\"exp\":", "\"iat\":",
      "1767229200", "1767225540", "\\u001b[1A", "\\r", "\\u0000", "\\u202e", "\\u2066", "\\u0085", "\\t", "\\n",
      "\u202e", "\u009b", "\u001b"})
  void inspectAndVerifyPrintNoCharacterATerminalActsOn(byte[] input) throws JsonProcessingException {
    int newline = indexOf(input, (byte) '\n');
    byte[] header = newline < 0 ? TestTokens.HS256_HEADER.getBytes(StandardCharsets.UTF_8)
        : Arrays.copyOfRange(input, 0, newline);
    byte[] payload = newline < 0 ? input : Arrays.copyOfRange(input, newline + 1, input.length);
    String token = TestTokens.signEncoded(TestTokens.b64(header), TestTokens.b64(payload), TestTokens.SECRET);

    // "--": a header whose base64url begins with "-" (never a JSON one) would otherwise be read as an option.
    CliRun.Result inspect = CliRun.cli().run("inspect", "--", token);
    assertThat(inspect.exitCode()).as(inspect.err()).isIn(ExitCodes.OK, ExitCodes.BAD_INPUT);
    assertPrintsNoCharacterATerminalActsOn(inspect);
    if (inspect.exitCode() == ExitCodes.OK) {
      DecodedToken decoded = DecodedToken.decode(token);
      int members = decoded.header().size() + decoded.claims().size();
      int noExpiry = decoded.claims().containsKey("exp") ? 0 : 1;
      assertThat(inspect.out().lines().count()).as(inspect.out()).isEqualTo(2 + members + noExpiry);

      CliRun.Result json = CliRun.cli().run("inspect", "--json", "--", token);
      assertThat(json.exitCode()).isEqualTo(ExitCodes.OK);
      assertThat(JSON.readTree(json.out()).isObject()).isTrue();
    }

    CliRun.Result verify = CliRun.cli().env("JWT_SECRET", TestTokens.SECRET).run("verify", "--", token);
    assertThat(verify.exitCode()).as(verify.err()).isIn(ExitCodes.OK, ExitCodes.REJECTED, ExitCodes.BAD_INPUT);
    assertPrintsNoCharacterATerminalActsOn(verify);
  }

  private static void assertPrintsNoCharacterATerminalActsOn(CliRun.Result result) {
    assertThat(HostileTokens.RAW_CONTROL.matcher(result.out()).find()).as("stdout: %s", result.out()).isFalse();
    assertThat(HostileTokens.RAW_CONTROL.matcher(result.err()).find()).as("stderr: %s", result.err()).isFalse();
  }

  private static int indexOf(byte[] bytes, byte value) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    return -1;
  }
}
