package dev.tokengate.cli;

import static dev.tokengate.cli.CliRun.METHOD_ARN;
import static dev.tokengate.cli.CliRun.SECRET;
import static dev.tokengate.cli.CliRun.cli;
import static dev.tokengate.cli.CliRun.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Errors never quote a file that may hold a secret: a key file mistakenly passed to an option that reads JSON, a
 * token or an argument file ({@code @file}, which token-cli does not expand) must not end up on the terminal,
 * in CI logs or in a bug report.
 */
class ErrorReporterTest {

  /** A base64 key: Jackson's "Unrecognized token" message would quote it. */
  private static final String BASE64_KEY = "Zm9yZ2V0LW1lLXRoaXMtaXMtYS1zZWNyZXQta2V5LTQyIQ";
  /** Digits only: one JSON integer beyond 64 bits. */
  private static final String DIGITS_KEY = "918273645546372819918273645546372819";
  /** JSON whose member name and value are the secret part. */
  private static final String NAME_PART = "s3cr3tmembername0f1e2d3c4b5a69788";
  private static final String DUPLICATE_KEY = "{\"" + NAME_PART + "\":1,\"" + NAME_PART + "\":2}";
  private static final String TYPE_PART = "s3cr3teventtype0f1e2d3c4b5a69788";
  private static final String EVENT_TYPE_KEY = "{\"type\":\"" + TYPE_PART + "\"}";

  @TempDir private Path dir;

  /** The secret's text, the part of it an error must not show, the arguments (KEY: the file) and the exit code. */
  static Stream<Arguments> secretFilesPassedToEveryOption() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (String[] key : new String[][] {
        {BASE64_KEY, BASE64_KEY}, {DIGITS_KEY, DIGITS_KEY}, {DUPLICATE_KEY, NAME_PART}, {EVENT_TYPE_KEY, TYPE_PART}}) {
      String text = key[0];
      String needle = key[1];
      cases.add(Arguments.of(text, needle, List.of("sign", "--sub", "alice", "--secret-file", "@KEY"),
          ExitCodes.BAD_INPUT));
      cases.add(Arguments.of(text, needle, List.of("verify", "--secret-file", "@KEY", token("--sub", "alice")),
          ExitCodes.BAD_INPUT));
      cases.add(Arguments.of(text, needle,
          List.of("authorize", "--secret-file", "@KEY", "--method-arn", METHOD_ARN, token("--sub", "alice")),
          ExitCodes.BAD_INPUT));
      cases.add(Arguments.of(text, needle, List.of("sign", "--claim", "@KEY"), ExitCodes.USAGE));
      cases.add(Arguments.of(text, needle, List.of("sign", "@KEY"), ExitCodes.USAGE));
      cases.add(Arguments.of(text, needle, List.of("verify", "@KEY"), ExitCodes.BAD_INPUT));
      cases.add(Arguments.of(text, needle, List.of("inspect", "@KEY"), ExitCodes.BAD_INPUT));
      cases.add(Arguments.of(text, needle, List.of("authorize", "--event", "KEY"), ExitCodes.BAD_INPUT));
      if (!text.startsWith("{\"type\"")) {
        // {"type": ...} is a valid claims object: sign accepts it, and prints only the signed token.
        cases.add(Arguments.of(text, needle, List.of("sign", "--claims-file", "KEY"), ExitCodes.BAD_INPUT));
      }
    }
    return cases.build();
  }

  @ParameterizedTest
  @MethodSource("secretFilesPassedToEveryOption")
  void neverQuotesAFileThatMayHoldASecret(String secret, String needle, List<String> template, int exitCode)
      throws IOException {
    Path key = Files.writeString(dir.resolve("key.txt"), secret + "\n");
    List<String> args = new ArrayList<>();
    for (String arg : template) {
      args.add(arg.replace("KEY", key.toString()));
    }
    args.add("--verbose");

    CliRun.Result result = cli().env("JWT_SECRET", SECRET).run(args.toArray(String[]::new));

    assertThat(result.out() + result.err()).doesNotContain(needle);
    assertThat(result.exitCode()).as(result.err()).isEqualTo(exitCode);
  }

  @Test
  void escapesControlCharactersInTheArgumentsAMessageQuotes() {
    CliRun.Result result = cli().run("inspect", "--now", "\u001b[1A\u001b[2Kvalid\u202e", token("--sub", "alice"));

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).doesNotContain("\u001b").doesNotContain("\u202e")
        .contains("\\u001B[1A\\u001B[2Kvalid\\u202E").hasLineCount(1);
  }
}
