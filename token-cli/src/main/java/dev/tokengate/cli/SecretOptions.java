package dev.tokengate.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The secret options shared by every command that needs the key (a picocli mixin). The secret itself is never
 * an option value: it would end up in shell history and in {@code ps} output. At most one source may be given;
 * picocli reports two as a usage error.
 */
final class SecretOptions {

  @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Secret (one source; the default is "
      + "$JWT_SECRET when set, else a hidden prompt on a terminal):%n")
  private Choice choice;

  /** The mutually exclusive sources. */
  static final class Choice {
    @Option(names = "--secret-file", paramLabel = "PATH|-",
        description = "Read the secret from a file ('-': stdin). One trailing newline is removed.")
    String file;

    @Option(names = "--secret-env", paramLabel = "NAME",
        description = "Read the secret from the environment variable NAME.")
    String env;

    @Option(names = "--secret-stdin",
        description = "Read the secret from stdin, for example piped from 'aws secretsmanager get-secret-value"
            + " ... --output text'. One trailing newline is removed.")
    boolean stdin;
  }

  /** The source the user chose, or {@link SecretSource.Automatic}. */
  SecretSource source() {
    if (choice == null) {
      return new SecretSource.Automatic();
    }
    if (choice.file != null) {
      return new SecretSource.File(choice.file);
    }
    if (choice.env != null) {
      return new SecretSource.Environment(choice.env);
    }
    return choice.stdin ? new SecretSource.Stdin() : new SecretSource.Automatic();
  }
}
