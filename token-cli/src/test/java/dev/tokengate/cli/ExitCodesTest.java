package dev.tokengate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokengate.testing.MarkdownTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExitCodesTest {

  @Test
  void referenceTableHasEveryExitCodeWithItsHelpTextInOrder() {
    List<List<String>> expected = ExitCodes.helpList().entrySet().stream()
        .map((Map.Entry<String, String> code) -> List.of(code.getKey().strip(), code.getValue()))
        .toList();

    assertThat(MarkdownTable.rowsUnder(
            MarkdownTable.repositoryRoot().resolve("docs/reference/exit-codes.md"), "token-cli exit codes")
        .stream().map(row -> row.subList(0, 2)))
        .containsExactlyElementsOf(expected);
  }
}
