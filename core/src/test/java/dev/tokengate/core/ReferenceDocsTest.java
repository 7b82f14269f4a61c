package dev.tokengate.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokengate.core.config.EnvironmentConfig;
import dev.tokengate.core.verify.Reason;
import dev.tokengate.testing.MarkdownTable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference tables in docs/reference/ say exactly what the code does: one row per setting or code. */
class ReferenceDocsTest {

  private static final Path REFERENCE = MarkdownTable.repositoryRoot().resolve("docs/reference");

  @Test
  void configurationTableHasOneRowPerEnvironmentVariableInOrder() {
    assertThat(MarkdownTable.column(REFERENCE.resolve("configuration.md"), "Configuration reference", 0))
        .containsExactlyElementsOf(EnvironmentConfig.VARIABLES);
  }

  @Test
  void denyReasonTableHasEveryReasonWithItsExactMessageInOrder() {
    List<List<String>> expected =
        Arrays.stream(Reason.values()).map(reason -> List.of(reason.code(), reason.message())).toList();

    assertThat(MarkdownTable.rowsUnder(REFERENCE.resolve("reasons.md"), "Deny reason codes").stream()
            .map(row -> row.subList(0, 2)))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void unauthorizedReasonTableHasEveryCodeInOrder() {
    assertThat(MarkdownTable.column(REFERENCE.resolve("reasons.md"), "Unauthorized (401) log reason codes", 0))
        .containsExactlyElementsOf(Decision.Unauthorized.CODES);
  }
}
