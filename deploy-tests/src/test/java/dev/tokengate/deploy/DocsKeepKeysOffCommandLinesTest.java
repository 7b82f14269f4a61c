package dev.tokengate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Proves that no command in the documentation or the template's outputs puts a signing key on a command line,
 * where it would be visible in the process list and could land in the shell's history: the AWS CLI gets a new
 * key from a file ({@code --secret-string file://...}), never as the option's value or a command substitution.
 */
class DocsKeepKeysOffCommandLinesTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static final List<String> TOP_LEVEL =
      List.of("README.md", "CONTRIBUTING.md", "SECURITY.md", "template.yaml", "examples/cdk-java/README.md");

  /** The AWS CLI's options that take a secret's value; {@code file://} makes it read the value from a file. */
  private static final Pattern SECRET_VALUE_OPTION = Pattern.compile("--secret-(?:string|binary)(?:\\s+|=)(\\S*)");

  /** A new key substituted into a command's arguments, e.g. {@code "$(token-cli secret)"}. */
  private static final Pattern KEY_SUBSTITUTION = Pattern.compile("\\$\\(\\s*(?:bin/)?token-cli\\s+secret\\b");

  @Test
  void noDocumentedCommandPutsAKeyOnACommandLine() throws IOException {
    List<String> findings = new ArrayList<>();
    for (Path file : files()) {
      findings.addAll(keysOnCommandLines(ROOT.relativize(file).toString(), Files.readAllLines(file)));
    }

    assertThat(findings).isEmpty();
  }

  @Test
  void findsAKeyGivenAsTheOptionValueOrThroughCommandSubstitution() {
    List<String> lines = List.of(
        "aws secretsmanager put-secret-value --secret-id \"$ARN\" --secret-string \"$(token-cli secret)\"",
        "aws secretsmanager put-secret-value --secret-id \"$ARN\" --secret-string=abc123",
        "aws secretsmanager put-secret-value --secret-id \"$ARN\" --secret-string file://new-key.txt");

    assertThat(keysOnCommandLines("page.md", lines)).containsExactly(
        "page.md:1: --secret-string \"$(token-cli",
        "page.md:1: $(token-cli secret",
        "page.md:2: --secret-string=abc123");
  }

  static List<String> keysOnCommandLines(String name, List<String> lines) {
    List<String> findings = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher option = SECRET_VALUE_OPTION.matcher(line);
      while (option.find()) {
        if (!option.group(1).startsWith("file://")) {
          findings.add(name + ":" + (i + 1) + ": " + option.group());
        }
      }
      Matcher substitution = KEY_SUBSTITUTION.matcher(line);
      while (substitution.find()) {
        findings.add(name + ":" + (i + 1) + ": " + substitution.group());
      }
    }
    return findings;
  }

  private static List<Path> files() throws IOException {
    List<Path> files = new ArrayList<>();
    TOP_LEVEL.forEach(name -> files.add(ROOT.resolve(name)));
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    return files;
  }
}
