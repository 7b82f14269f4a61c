package dev.tokengate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black-box tests of the packaged {@code token-cli.jar}: {@code java -jar} as a separate process, stdin piped
 * (so no terminal), environment without {@code JWT_SECRET} unless a test sets it.
 */
class TokenCliJarIT {

  private static final String NOW = "2026-01-01T00:00:00Z";
  private static final String METHOD_ARN = "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/hello";

  @TempDir Path dir;

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String stdin, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", System.getProperty("tokengate.cli.jar", "target/token-cli.jar")));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("JWT_SECRET");
    builder.environment().remove("PRINCIPAL_CLAIM");
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("token-cli " + args[0] + " did not finish (waiting for a prompt?)");
      }
      return new Run(process.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      return CliRun.lines(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void versionComesFromTheJarManifest() {
    Run run = run("", Map.of(), "--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).matches("token-cli \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
  }

  @Test
  void generatesASecretFileThenSignsInspectsVerifiesAndAuthorizesThroughPipes() throws Exception {
    Path key = dir.resolve("jwt-secret.txt");
    assertThat(run("", Map.of(), "secret", "-o", key.toString()).exitCode()).isZero();
    if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }
    String secret = Files.readString(key);

    Run sign = run(secret, Map.of(), "sign", "--secret-stdin", "--sub", "alice", "--expires-in", "15m", "--now", NOW);
    assertThat(sign.exitCode()).as(sign.err()).isZero();
    String token = sign.out().strip();

    Run inspect = run(token + "\n", Map.of(), "inspect", "--now", NOW, "-");
    assertThat(inspect.exitCode()).isZero();
    assertThat(inspect.out()).contains("\"alice\"").contains("expires in 15 min");
    assertThat(inspect.err()).contains("NOT verified");

    Run verify = run(token + "\n", Map.of(), "verify", "--now", NOW, "--secret-file", key.toString());
    assertThat(verify.exitCode()).isZero();
    assertThat(verify.out()).startsWith("valid:").contains("principal: alice");

    Run authorize = run(token, Map.of(), "authorize", "--now", NOW, "--secret-file", key.toString(),
        "--method-arn", METHOD_ARN, "-");
    assertThat(authorize.exitCode()).isZero();
    assertThat(authorize.out()).contains("\"Effect\": \"Allow\"");

    assertThat(sign.err() + verify.out() + verify.err() + authorize.out() + authorize.err())
        .doesNotContain(secret.strip());
  }

  @Test
  void exitsThreeInsteadOfPromptingWhenThereIsNoSecretAndNoTerminal() {
    Run run = run("", Map.of(), "sign", "--sub", "alice");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("token-cli sign: no secret").hasLineCount(1);
  }

  @Test
  void refusesToMintATokenTheAuthorizerWouldDenyForWantOfAPrincipal() {
    Run run = run("x".repeat(40) + "\n", Map.of(), "sign", "--secret-stdin");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).hasLineCount(1).contains("missing_claim").contains("--sub alice")
        .contains("--allow-missing-principal");
  }

  @Test
  void exitsFourOnAWeakKeyPipedIn() {
    Run run = run("too-short\n", Map.of(), "sign", "--secret-stdin", "--sub", "alice");

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.err()).contains("token-cli secret").doesNotContain("too-short");
  }

  @Test
  void usesJwtSecretFromTheEnvironmentAndRejectsAnExpiredToken() {
    Map<String, String> env = Map.of("JWT_SECRET", "x".repeat(40));
    String token = run("", env, "sign", "--sub", "alice", "--now", "2020-01-01T00:00:00Z").out().strip();

    Run verify = run("", env, "verify", token);

    assertThat(verify.exitCode()).isEqualTo(1);
    assertThat(verify.out()).startsWith("rejected: token_expired");
  }

  @Test
  void reportsUsageErrorsOnOneLineWithoutAStackTrace() {
    Run run = run("", Map.of(), "sign", "--expires-in", "3600");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).hasLineCount(1).contains("3600s").doesNotContain("Exception");
  }
}
