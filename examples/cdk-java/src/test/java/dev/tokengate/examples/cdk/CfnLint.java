package dev.tokengate.examples.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * AWS's CloudFormation linter, from the Python virtual environment that the repository's CI installs
 * ({@code -Dtokengate.python}, with {@code cfn-lint} beside it).
 */
final class CfnLint {

  private static final long TIMEOUT_SECONDS = 120;

  private CfnLint() {}

  /** What cfn-lint said of one template. */
  record Result(int exitCode, String output) {}

  static Result run(Path template, String... options) throws IOException, InterruptedException {
    Path cfnLint = Path.of(System.getProperty("tokengate.python", ".ci/cache/venv/bin/python"))
        .resolveSibling("cfn-lint");
    assertThat(cfnLint).as("cfn-lint: python3 -m venv .ci/cache/venv && .ci/cache/venv/bin/pip install"
        + " -r .ci/requirements.txt, from the repository root").isRegularFile();
    List<String> command = new ArrayList<>(List.of(cfnLint.toString()));
    command.addAll(List.of(options));
    command.addAll(List.of("--", template.toString()));

    Path output = Files.createTempFile("cfn-lint", ".out");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      process.getOutputStream().close();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("cfn-lint did not finish within " + TIMEOUT_SECONDS + " s");
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
