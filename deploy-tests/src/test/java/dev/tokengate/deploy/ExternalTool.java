package dev.tokengate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Runs a command-line tool that {@code .ci/run} installs (cfn-lint and the SAM translator in a Python virtual
 * environment, newman under {@code postman/node_modules}) and captures its exit code and output.
 */
final class ExternalTool {

  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static final String INSTALL_HINT = "install the tools first: python3 -m venv .ci/cache/venv"
      + " && .ci/cache/venv/bin/pip install -r .ci/requirements.txt && npm ci --prefix postman";
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private ExternalTool() {}

  /** What a finished tool printed. */
  record Result(int exitCode, String stdout, String stderr) {

    String describe() {
      return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  /** The virtual environment's Python ({@code -Dtokengate.python}, default {@code .ci/cache/venv/bin/python}). */
  static Path python() {
    Path python = Path.of(System.getProperty("tokengate.python", ROOT.resolve(".ci/cache/venv/bin/python").toString()));
    assertThat(python).as("Python with cfn-lint and aws-sam-translator (%s)", INSTALL_HINT).isRegularFile();
    return python;
  }

  /** The {@code cfn-lint} script installed beside {@link #python()}. */
  static Path cfnLint() {
    Path cfnLint = python().resolveSibling("cfn-lint");
    assertThat(cfnLint).as("cfn-lint (%s)", INSTALL_HINT).isRegularFile();
    return cfnLint;
  }

  /** The project's version, as the root {@code pom.xml} declares it. */
  static String projectVersion() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document pom = factory.newDocumentBuilder().parse(ROOT.resolve("pom.xml").toFile());
      return XPathFactory.newInstance().newXPath().evaluate("/project/version", pom);
    } catch (ParserConfigurationException | SAXException | IOException | XPathExpressionException e) {
      throw new AssertionError("cannot read the version from pom.xml", e);
    }
  }

  /** Node.js ({@code -Dtokengate.node}, default {@code node} on the PATH). */
  static String node() {
    return System.getProperty("tokengate.node", "node");
  }

  /** newman's command-line script, installed by {@code npm ci --prefix postman}. */
  static Path newman() {
    Path newman = ROOT.resolve("postman/node_modules/newman/bin/newman.js");
    assertThat(newman).as("newman (%s)", INSTALL_HINT).isRegularFile();
    return newman;
  }

  static Result run(List<String> command) throws IOException, InterruptedException {
    Path stdout = Files.createTempFile("tool", ".out");
    Path stderr = Files.createTempFile("tool", ".err");
    try {
      Process process = new ProcessBuilder(command)
          .directory(ROOT.toFile())
          .redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile())
          .start();
      process.getOutputStream().close();
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command.get(0) + " did not finish within " + TIMEOUT);
      }
      return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }
}
