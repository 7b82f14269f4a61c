package dev.tokengate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the data rows of a Markdown table in the repository's docs, so that tests can hold a reference table to
 * the code it documents. Cells are trimmed and lose their surrounding backticks.
 */
public final class MarkdownTable {

  private MarkdownTable() {}

  /** The repository root, seen from a module's directory (where Surefire runs a module's tests). */
  public static Path repositoryRoot() {
    return Path.of("..").toAbsolutePath().normalize();
  }

  /**
   * The data rows of the first table after a heading.
   *
   * @param file a Markdown file
   * @param heading the heading's text without its {@code #} marks
   * @return each row's cells, in order
   * @throws IllegalArgumentException when the file has no such heading, or no table under it
   */
  public static List<List<String>> rowsUnder(Path file, String heading) {
    List<String> lines = read(file);
    int at = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("#+ " + java.util.regex.Pattern.quote(heading))) {
        at = i;
        break;
      }
    }
    if (at < 0) {
      throw new IllegalArgumentException(file + " has no heading '" + heading + "'");
    }
    List<List<String>> rows = new ArrayList<>();
    int i = at + 1;
    while (i < lines.size() && !lines.get(i).startsWith("|")) {
      if (lines.get(i).startsWith("#")) {
        throw new IllegalArgumentException(file + " has no table under '" + heading + "'");
      }
      i++;
    }
    // Skip the header row and the |---| separator.
    for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      rows.add(cells(lines.get(i)));
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(file + " has no table under '" + heading + "'");
    }
    return rows;
  }

  /** The values of one column of {@link #rowsUnder}. */
  public static List<String> column(Path file, String heading, int index) {
    return rowsUnder(file, heading).stream().map(row -> row.get(index)).toList();
  }

  private static List<String> cells(String line) {
    String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
    List<String> cells = new ArrayList<>();
    for (String cell : inner.split("\\|", -1)) {
      String text = cell.trim();
      if (text.length() >= 2 && text.startsWith("`") && text.endsWith("`")) {
        text = text.substring(1, text.length() - 1);
      }
      cells.add(text);
    }
    return cells;
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
