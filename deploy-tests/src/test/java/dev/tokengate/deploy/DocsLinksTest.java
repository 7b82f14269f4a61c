package dev.tokengate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that every relative link and every {@code #anchor} in the project's Markdown documentation resolves: the
 * file or folder exists inside the repository, and the anchor matches a heading of the target as GitHub slugs it.
 */
class DocsLinksTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** The top-level documents; every Markdown file under {@code docs/} is checked too. */
  private static final List<String> DOCUMENTS =
      List.of("README.md", "CONTRIBUTING.md", "SECURITY.md", "CHANGELOG.md", "benchmarks/README.md",
          "examples/cdk-java/README.md");

  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,}).*");
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
  private static final Pattern INLINE_LINK =
      Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\]\\(\\s*(<[^>]*>|[^)\\s]+)(?:\\s+\"[^\"]*\")?\\s*\\)");
  private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*(<[^>]*>|\\S+)");
  private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern HEADING_LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");
  private static final Pattern NOT_SLUG_CHARACTER = Pattern.compile("[^\\p{L}\\p{N}\\p{M}\\p{Pc} -]");

  @Test
  void everyRelativeLinkAndAnchorInTheDocumentationResolves() throws IOException {
    List<Path> documents = documents(ROOT);
    assertThat(documents).as("documents checked").hasSizeGreaterThan(DOCUMENTS.size());

    assertThat(brokenLinks(ROOT, documents)).isEmpty();
  }

  @Test
  void reportsALinkToAMissingFile(@TempDir Path repository) throws IOException {
    write(repository, "README.md", "See [the guide](docs/guide.md) and [home](https://example.com/missing).\n");

    assertThat(brokenLinks(repository, List.of(repository.resolve("README.md"))))
        .containsExactly("README.md:1: docs/guide.md: no such file or folder");
  }

  @Test
  void reportsAnAnchorThatMatchesNoHeading(@TempDir Path repository) throws IOException {
    write(repository, "README.md", "# Title\n\n[start](docs/guide.md#start) [up](#title) [gone](#missing)\n");
    write(repository, "docs/guide.md", "# Guide\n\n## Getting started\n");

    assertThat(brokenLinks(repository, List.of(repository.resolve("README.md"))))
        .containsExactly(
            "README.md:3: docs/guide.md#start: no heading with the anchor 'start' in docs/guide.md",
            "README.md:3: #missing: no heading with the anchor 'missing' in README.md");
  }

  @Test
  void reportsALinkThatLeavesTheRepository(@TempDir Path repository) throws IOException {
    write(repository, "docs/page.md", "[outside](../../elsewhere.md)\n");

    assertThat(brokenLinks(repository, List.of(repository.resolve("docs/page.md"))))
        .containsExactly("docs/page.md:1: ../../elsewhere.md: points outside the repository");
  }

  @Test
  void ignoresLinksInCodeBlocksAndCodeSpans(@TempDir Path repository) throws IOException {
    write(repository, "README.md", """
        Run `[a](missing.md)` here.

        ```sh
        echo "[b](missing.md)"
        ```
        """);

    assertThat(brokenLinks(repository, List.of(repository.resolve("README.md")))).isEmpty();
  }

  @Test
  void slugsHeadingsTheWayGitHubDoes() {
    assertThat(anchors(List.of(
        "# Keys and rotation",
        "## 5. Use Postman",
        "## With `JWT_SECRET_ARN` (key from Secrets Manager)",
        "## Where local-gateway differs from API Gateway",
        "## See [the guide](guide.md)",
        "## Behaviour and reason codes ##")))
        .containsExactly(
            "keys-and-rotation",
            "5-use-postman",
            "with-jwt_secret_arn-key-from-secrets-manager",
            "where-local-gateway-differs-from-api-gateway",
            "see-the-guide",
            "behaviour-and-reason-codes");
  }

  @Test
  void numbersDuplicateHeadingsFromOne() {
    assertThat(anchors(List.of("## Example", "## Example", "```", "## Not a heading", "```", "## Example")))
        .containsExactly("example", "example-1", "example-2");
  }

  /** README and friends, then every Markdown file under docs/, sorted so that failures read the same each run. */
  private static List<Path> documents(Path root) throws IOException {
    List<Path> documents = new ArrayList<>();
    for (String name : DOCUMENTS) {
      Path document = root.resolve(name);
      assertThat(document).as(name).isRegularFile();
      documents.add(document);
    }
    try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
      docs.filter(path -> path.toString().endsWith(".md") && Files.isRegularFile(path)).sorted()
          .forEach(documents::add);
    }
    return documents;
  }

  /** One line per broken link: {@code file:line: target: why}, paths relative to {@code root}. */
  private static List<String> brokenLinks(Path root, List<Path> documents) {
    Map<Path, Set<String>> anchorsByFile = new HashMap<>();
    List<String> broken = new ArrayList<>();
    for (Path document : documents) {
      List<String> lines = read(document);
      boolean inFence = false;
      for (int index = 0; index < lines.size(); index++) {
        String line = lines.get(index);
        if (FENCE.matcher(line).matches()) {
          inFence = !inFence;
          continue;
        }
        if (inFence) {
          continue;
        }
        for (String target : targets(CODE_SPAN.matcher(line).replaceAll(""))) {
          String problem = problem(root, document, target, anchorsByFile);
          if (problem != null) {
            broken.add(relative(root, document) + ":" + (index + 1) + ": " + target + ": " + problem);
          }
        }
      }
    }
    return broken;
  }

  private static List<String> targets(String line) {
    List<String> targets = new ArrayList<>();
    Matcher inline = INLINE_LINK.matcher(line);
    while (inline.find()) {
      targets.add(unbracket(inline.group(1)));
    }
    Matcher definition = REFERENCE_DEFINITION.matcher(line);
    if (definition.find()) {
      targets.add(unbracket(definition.group(1)));
    }
    return targets;
  }

  /** Why {@code target}, linked from {@code document}, does not resolve; null when it does or is not relative. */
  private static String problem(Path root, Path document, String target, Map<Path, Set<String>> anchorsByFile) {
    String lower = target.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("mailto:")) {
      return null;
    }
    int hash = target.indexOf('#');
    String path = URLDecoder.decode(hash < 0 ? target : target.substring(0, hash), StandardCharsets.UTF_8);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path file = path.isEmpty() ? document
        : (path.startsWith("/") ? root.resolve(path.substring(1)) : document.getParent().resolve(path)).normalize();
    if (!file.startsWith(root)) {
      return "points outside the repository";
    }
    if (!Files.exists(file)) {
      return "no such file or folder";
    }
    if (anchor == null) {
      return null;
    }
    if (!file.toString().endsWith(".md") || !Files.isRegularFile(file)) {
      return "an anchor on something that is not a Markdown file";
    }
    Set<String> anchors = anchorsByFile.computeIfAbsent(file, key -> anchors(read(key)));
    return anchors.contains(anchor)
        ? null
        : "no heading with the anchor '" + anchor + "' in " + relative(root, file);
  }

  /** The anchors GitHub gives the headings of a Markdown file, in order. */
  private static Set<String> anchors(List<String> lines) {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean inFence = false;
    for (String line : lines) {
      if (FENCE.matcher(line).matches()) {
        inFence = !inFence;
        continue;
      }
      Matcher heading = HEADING.matcher(line);
      if (inFence || !heading.matches()) {
        continue;
      }
      String slug = slug(heading.group(1));
      int count = seen.merge(slug, 1, Integer::sum);
      anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
    }
    return anchors;
  }

  /** GitHub's rule: the heading's text, lowercased, punctuation but {@code -} and {@code _} dropped, spaces to -. */
  private static String slug(String heading) {
    String text = HEADING_LINK.matcher(heading).replaceAll("$1").replace("`", "").replace("*", "");
    return NOT_SLUG_CHARACTER.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("").replace(' ', '-');
  }

  private static String unbracket(String target) {
    return target.startsWith("<") && target.endsWith(">") ? target.substring(1, target.length() - 1) : target;
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path root, String name, String text) throws IOException {
    Path file = root.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
