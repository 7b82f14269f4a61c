package dev.tokengate.cli;

/** Where the secret comes from: exactly one of these, chosen by the secret options. */
sealed interface SecretSource {

  /** A file, or stdin when the path is {@code -}. */
  record File(String path) implements SecretSource {}

  /** An environment variable. */
  record Environment(String name) implements SecretSource {}

  /** Standard input, e.g. piped from {@code aws secretsmanager get-secret-value ... --output text}. */
  record Stdin() implements SecretSource {}

  /** No option given: {@code JWT_SECRET} when set, else a hidden prompt when stdin is a terminal. */
  record Automatic() implements SecretSource {}

  /** Whether this source reads standard input, which can feed only one thing. */
  default boolean readsStdin() {
    return this instanceof Stdin || (this instanceof File file && "-".equals(file.path()));
  }
}
