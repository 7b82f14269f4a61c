package dev.tokengate.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code token-cli} top command: it only wires the subcommands together. */
@Command(
    name = "token-cli",
    mixinStandardHelpOptions = true,
    versionProvider = ManifestVersionProvider.class,
    description = "Mint, verify and inspect HS256 JWTs for the tokengate API Gateway authorizer.",
    subcommands = {
      SignCommand.class,
      VerifyCommand.class,
      InspectCommand.class,
      SecretCommand.class,
      AuthorizeCommand.class,
      AutoComplete.GenerateCompletion.class
    })
public final class TokenCli {

  @Option(names = ErrorReporter.VERBOSE, scope = ScopeType.INHERIT,
      description = "Print stack traces of errors (never secrets).")
  private boolean verbose;

  private final Host host;

  TokenCli(Host host) {
    this.host = host;
  }

  /** The process's environment, stdin, terminal and clock, for the subcommands. */
  Host host() {
    return host;
  }

  /** Runs token-cli and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine(Host.system()).execute(args));
  }

  /** The configured command line: no {@code @file} expansion, error handling, exit codes in every command's help. */
  static CommandLine commandLine(Host host) {
    CommandLine cli = new CommandLine(new TokenCli(host));
    // picocli would replace "@FILE" by the file's lines: a key file passed by mistake would become arguments
    // that error messages quote.
    cli.setExpandAtFiles(false);
    ErrorReporter errors = new ErrorReporter();
    cli.setParameterExceptionHandler(errors);
    cli.setExecutionExceptionHandler(errors);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    listExitCodes(cli);
    return cli;
  }

  private static void listExitCodes(CommandLine command) {
    command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.helpList());
    command.getSubcommands().values().forEach(TokenCli::listExitCodes);
  }
}
