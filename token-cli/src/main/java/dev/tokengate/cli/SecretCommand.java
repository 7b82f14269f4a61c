package dev.tokengate.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code token-cli secret}: generates a strong HS256 key. */
@Command(
    name = "secret",
    mixinStandardHelpOptions = true,
    versionProvider = ManifestVersionProvider.class,
    sortOptions = false,
    description = {
      "Generate a strong random HS256 key.",
      "Prints the key, or writes it with -o to a file only you can read (rw-------). The key is the text as"
          + " printed (its UTF-8 bytes), exactly as the authorizer reads JWT_SECRET."
    })
final class SecretCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = "--bytes", paramLabel = "N", defaultValue = "" + SecretGenerator.DEFAULT_BYTES,
      description = "Random bytes (default: ${DEFAULT-VALUE}; at least 32).")
  private int bytes;

  @Option(names = "--encoding", paramLabel = "ENCODING", defaultValue = "base64url",
      description = "base64url (default), base64 or hex.")
  private SecretGenerator.Encoding encoding;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the key to FILE with owner-only permissions instead of printing it.")
  private Path output;

  @Option(names = "--force", description = "Replace FILE when it exists.")
  private boolean force;

  @Override
  public Integer call() {
    if (bytes > SecretGenerator.MAX_BYTES) {
      throw new ParameterException(spec.commandLine(),
          "--bytes " + bytes + " is more than " + SecretGenerator.MAX_BYTES + "; " + SecretGenerator.DEFAULT_BYTES
              + " is plenty");
    }
    String key = new SecretGenerator(new SecureRandom()).generate(bytes, encoding);
    if (output == null) {
      spec.commandLine().getOut().println(key);
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
    boolean ownerOnly = SecretFile.write(output, key, force);
    spec.commandLine().getErr().println(spec.qualifiedName() + ": wrote a " + bytes + "-byte key ("
        + encoding.name().toLowerCase(java.util.Locale.ROOT) + ") to " + output
        + (ownerOnly ? " (rw-------)" : "; this file system has no POSIX permissions: restrict access yourself"));
    spec.commandLine().getErr().flush();
    return ExitCodes.OK;
  }
}
