package dev.tokengate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code token-cli} top command: it only wires the subcommands together. */
@Command(
    name = "token-cli",
    mixinStandardHelpOptions = true,
    versionProvider = ManifestVersionProvider.class,
    description = "Mint, verify and inspect HS256 JWTs for the tokengate API Gateway authorizer.")
public final class TokenCli {

  public static void main(String[] args) {
    System.exit(new CommandLine(new TokenCli()).execute(args));
  }
}
