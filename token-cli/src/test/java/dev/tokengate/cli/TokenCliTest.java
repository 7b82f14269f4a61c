package dev.tokengate.cli;

import static dev.tokengate.cli.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TokenCliTest {

  @Test
  void helpDescribesTheToolAndListsTheCommands() {
    CliRun.Result result = cli().run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Usage: token-cli").contains("HS256")
        .contains("sign").contains("verify").contains("inspect").contains("secret").contains("authorize")
        .contains("generate-completion");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sign", "verify", "inspect", "secret", "authorize"})
  void everyCommandHasHelpWithTheExitCodes(String command) {
    CliRun.Result result = cli().run(command, "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Usage: token-cli " + command)
        .contains("Exit codes:")
        .contains("4   weak key")
        .contains("70   internal error");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sign", "verify", "inspect", "secret", "authorize"})
  void everyCommandHasVersion(String command) {
    CliRun.Result result = cli().run(command, "--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("token-cli ");
  }

  @Test
  void versionNamesTheTool() {
    assertThat(cli().run("--version").out()).startsWith("token-cli ");
  }

  @Test
  void unknownOptionIsAOneLineUsageError() {
    CliRun.Result result = cli().run("--no-such-option");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Unknown option: '--no-such-option'").hasLineCount(1);
  }

  @Test
  void unknownSubcommandOptionNamesTheSubcommandsHelp() {
    CliRun.Result result = cli().run("sign", "--secret", "x");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("token-cli sign: ").contains("'token-cli sign --help'").hasLineCount(1);
  }

  @Test
  void generatesABashCompletionScript() {
    CliRun.Result result = cli().run("generate-completion");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("complete -F").contains("--expires-in").contains("--secret-file");
  }
}
