package dev.tokengate.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/** Runs token-cli in-process with a literal environment, stdin and clock, capturing stdout and stderr. */
final class CliRun {

  /** The public test-only key of events/authorizer/README.md (50 bytes). */
  static final String SECRET = "tokengate-test-only-secret-never-use-in-production";
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final String METHOD_ARN = "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/hello";

  private final Map<String, String> env = new HashMap<>();
  private byte[] stdin = new byte[0];
  private Optional<SecretPrompt> terminal = Optional.empty();

  /** The outcome of one run. */
  record Result(int exitCode, String out, String err) {
    /** stdout without its final line break. */
    String line() {
      return out.strip();
    }
  }

  static CliRun cli() {
    return new CliRun();
  }

  CliRun env(String name, String value) {
    env.put(name, value);
    return this;
  }

  CliRun stdin(String text) {
    stdin = text.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  CliRun terminal(SecretPrompt prompt) {
    terminal = Optional.of(prompt);
    return this;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Host host = new Host(env, new ByteArrayInputStream(stdin), terminal, Clock.fixed(NOW, ZoneOffset.UTC));
    CommandLine cli = TokenCli.commandLine(host);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exitCode = cli.execute(args);
    return new Result(exitCode, lines(out.toString()), lines(err.toString()));
  }

  /** Output with "\n" line breaks: println writes the platform's, "\r\n" on Windows. */
  static String lines(String output) {
    return output.replace(System.lineSeparator(), "\n");
  }

  /** A valid token for {@link #SECRET}, signed at {@link #NOW}, with the given extra sign options. */
  static String token(String... options) {
    String[] args = new String[options.length + 3];
    args[0] = "sign";
    args[1] = "--now";
    args[2] = NOW.toString();
    System.arraycopy(options, 0, args, 3, options.length);
    Result result = cli().env("JWT_SECRET", SECRET).run(args);
    if (result.exitCode() != 0) {
      throw new AssertionError("sign failed: " + result.err());
    }
    return result.line();
  }
}
