package dev.tokengate.cli;

/** Asks the person at the terminal for a secret without echoing it (picocli's PasswordDemo, via Console). */
@FunctionalInterface
interface SecretPrompt {

  /** Shows the prompt and reads one line, not echoed; null at end of input. */
  char[] readHidden(String prompt);
}
