package dev.tokengate.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.tokengate.localgateway.CloudFormationYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Proves that the parameter table of {@code docs/deploy.md} lists exactly the parameters of {@code template.yaml},
 * in the template's order, each with the template's default.
 */
class DeployDocsParametersTest {

  private static final String SECTION = "## Template parameters";
  /** A table row whose first cell is a parameter name in a code span: its name and its default cell. */
  private static final Pattern ROW = Pattern.compile("^\\| `([A-Za-z0-9]+)` \\| ([^|]+) \\|.*");

  @Test
  void deployGuideListsEveryTemplateParameterWithItsDefault() throws IOException {
    assertThat(documentedDefaults(Files.readAllLines(ExternalTool.ROOT.resolve("docs/deploy.md"))))
        .containsExactlyEntriesOf(templateDefaults());
  }

  @Test
  void readsTheNamesAndDefaultsOfTheParameterSectionOnly() {
    List<String> guide = List.of(
        "| `Elsewhere` | `1` | not in the section |",
        SECTION,
        "",
        "| parameter | default | meaning |",
        "|---|---|---|",
        "| `CacheTtl` | `300` | seconds |",
        "| `Issuer` | empty | the issuer |",
        "",
        "## Stack outputs",
        "| `Output` | value | not a parameter |");

    assertThat(documentedDefaults(guide)).containsExactly(entry("CacheTtl", "300"), entry("Issuer", ""));
  }

  /** Each documented parameter and its default: the code span's text, or the empty string for "empty". */
  private static Map<String, String> documentedDefaults(List<String> guide) {
    Map<String, String> defaults = new LinkedHashMap<>();
    int start = guide.indexOf(SECTION);
    assertThat(start).as("docs/deploy.md has a section %s", SECTION).isNotNegative();
    for (String line : guide.subList(start + 1, guide.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        String cell = row.group(2).trim();
        defaults.put(row.group(1), cell.equals("empty") ? "" : cell.replaceAll("^`(.*)`$", "$1"));
      }
    }
    return defaults;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> templateDefaults() {
    Map<String, Object> parameters =
        (Map<String, Object>) CloudFormationYaml.read(SamTranslation.TEMPLATE).get("Parameters");
    Map<String, String> defaults = new LinkedHashMap<>();
    parameters.forEach((name, parameter) ->
        defaults.put(name, String.valueOf(((Map<String, Object>) parameter).get("Default"))));
    return defaults;
  }
}
