package dev.tokengate.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The rules for the optional {@code [TOKEN|-]} argument that verify, inspect and authorize share. */
final class TokenArgument {

  private TokenArgument() {}

  /**
   * The argument to read: as given, or {@code -} (stdin) when omitted and stdin is piped.
   *
   * @throws ParameterException when it is omitted on a terminal, or stdin would have to feed the secret too
   */
  static String resolve(String argument, SecretSource secret, Host host, CommandSpec spec) {
    String resolved = argument;
    if (resolved == null) {
      if (host.terminal().isPresent()) {
        throw new ParameterException(spec.commandLine(),
            "no token: pass it as an argument, or pipe it and pass '-'");
      }
      resolved = "-";
    }
    if ("-".equals(resolved) && secret.readsStdin()) {
      throw new ParameterException(spec.commandLine(),
          "stdin can feed either the token or the secret, not both: use --secret-file or --secret-env");
    }
    return resolved;
  }
}
