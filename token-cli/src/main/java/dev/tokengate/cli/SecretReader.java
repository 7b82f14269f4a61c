package dev.tokengate.cli;

import dev.tokengate.core.config.EnvironmentConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads the secret from the one source the user chose. A file or stdin loses exactly one trailing line break
 * (what {@code echo}, editors and {@code aws ... --output text} add) and nothing else: the key is the exact
 * UTF-8 bytes the authorizer uses, so any other trimming would mint tokens it rejects. A secret file that other
 * users may read is still read, with a warning: shared CI runners often cannot tighten what they are given.
 */
final class SecretReader {

  private static final String HOW =
      "use --secret-file FILE, --secret-stdin or --secret-env NAME, or set " + EnvironmentConfig.JWT_SECRET;

  private final Host host;
  private final Consumer<String> warnings;

  /**
   * @param warnings takes each warning line, for stderr
   */
  SecretReader(Host host, Consumer<String> warnings) {
    this.host = Objects.requireNonNull(host, "host");
    this.warnings = Objects.requireNonNull(warnings, "warnings");
  }

  /**
   * Reads the secret.
   *
   * @throws InputException when the source is missing, unreadable or empty; the message never holds the secret
   */
  Secret read(SecretSource source) {
    String text;
    String origin;
    if (source instanceof SecretSource.File file) {
      text = Inputs.stripOneNewline(Inputs.read(file.path(), host.stdin(), "secret file"));
      origin = "-".equals(file.path()) ? "stdin" : "file '" + file.path() + "'";
      if (!"-".equals(file.path()) && SecretFile.readableByOthers(Path.of(file.path()))) {
        String path = TerminalText.escape(file.path());
        warnings.accept("token-cli: warning: " + path + " is readable by other users; chmod 600 " + path);
      }
    } else if (source instanceof SecretSource.Stdin) {
      text = Inputs.stripOneNewline(Inputs.readStdin(host.stdin(), "secret"));
      origin = "stdin";
    } else if (source instanceof SecretSource.Environment variable) {
      text = host.env().get(variable.name());
      if (text == null) {
        throw new InputException("no secret: the environment variable " + variable.name() + " is not set");
      }
      origin = "the environment variable " + variable.name();
    } else {
      return automatic();
    }
    return nonEmpty(text, origin);
  }

  private Secret automatic() {
    String fromEnv = host.env().get(EnvironmentConfig.JWT_SECRET);
    if (fromEnv != null) {
      return nonEmpty(fromEnv, "the environment variable " + EnvironmentConfig.JWT_SECRET);
    }
    if (host.terminal().isEmpty()) {
      throw new InputException("no secret: " + HOW + " (generate one with: token-cli secret)");
    }
    char[] typed = host.terminal().get().readHidden("HS256 secret (input hidden): ");
    if (typed == null) {
      throw new InputException("no secret: the prompt was closed; " + HOW);
    }
    try {
      return nonEmpty(new String(typed), "the prompt");
    } finally {
      Arrays.fill(typed, '\0');
    }
  }

  private static Secret nonEmpty(String text, String origin) {
    if (text.isEmpty()) {
      throw new InputException("the secret from " + origin + " is empty");
    }
    return new Secret(text);
  }
}
