package dev.tokengate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/**
 * The {@code --help} of every command, rendered at 80 columns, reads in whole sentences:
 *
 * <ul>
 *   <li>A command's summary is the first line of its description, which picocli lists under "Commands:". It is one
 *       whole sentence: it ends with a period and holds no other (". " inside), nor an abbreviation with periods
 *       ("e.g."), and the list shows all of it.
 *   <li>Every other description line, of a command, an option or a parameter, is a paragraph that ends a sentence
 *       ({@code .}) or introduces what follows ({@code :}), unless it is blank or an indented example.
 *   <li>No rendered line is cut inside an abbreviation: it does not end in a one-letter "e." or "i." that the next
 *       line goes on with "g." or "e.".
 * </ul>
 */
class HelpTextTest {

  private static final int WIDTH = 80;
  private static final Pattern CUT_ABBREVIATION_END = Pattern.compile("(?:^|.*[^\\p{L}])\\p{L}\\.$");
  private static final Pattern CUT_ABBREVIATION_START = Pattern.compile("^\\p{L}\\..*");

  private static CommandLine tokenCli() {
    Host host = new Host(Map.of(), new ByteArrayInputStream(new byte[0]), Optional.empty(), Clock.systemUTC());
    CommandLine cli = TokenCli.commandLine(host);
    cli.setUsageHelpWidth(WIDTH);
    return cli;
  }

  static Stream<CommandLine> everyCommand() {
    List<CommandLine> all = new ArrayList<>();
    collect(tokenCli(), all);
    return all.stream();
  }

  private static void collect(CommandLine command, List<CommandLine> all) {
    all.add(command);
    command.getSubcommands().values().forEach(sub -> collect(sub, all));
  }

  private static String summary(CommandLine command) {
    return command.getCommandSpec().usageMessage().description()[0];
  }

  @ParameterizedTest
  @MethodSource("everyCommand")
  void summaryIsOneWholeSentence(CommandLine command) {
    String summary = summary(command);

    assertThat(summary).as(command.getCommandName())
        .endsWith(".")
        .doesNotContain(". ")
        .doesNotContainPattern("\\b\\p{L}\\.\\p{L}\\.");
  }

  @Test
  void commandListShowsEverySummaryWhole() {
    Map<String, String> listed = commandList(tokenCli().getUsageMessage(CommandLine.Help.Ansi.OFF));

    Map<String, String> summaries = new LinkedHashMap<>();
    tokenCli().getSubcommands().forEach((name, sub) -> summaries.put(name, summary(sub)));
    assertThat(listed).isEqualTo(summaries);
  }

  @ParameterizedTest
  @MethodSource("everyCommand")
  void everyDescriptionLineEndsASentenceOrIntroducesWhatFollows(CommandLine command) {
    List<String> lines = new ArrayList<>(List.of(command.getCommandSpec().usageMessage().description()));
    Stream.concat(command.getCommandSpec().options().stream(),
            command.getCommandSpec().positionalParameters().stream())
        .map(ArgSpec::description)
        .forEach(description -> lines.addAll(List.of(description)));

    assertThat(lines).as(command.getCommandName())
        .allSatisfy(line -> assertThat(line.isBlank() || Character.isWhitespace(line.charAt(0))
            || line.endsWith(".") || line.endsWith(":")).as(line).isTrue());
  }

  @ParameterizedTest
  @MethodSource("everyCommand")
  void noLineIsCutInsideAnAbbreviation(CommandLine command) {
    List<String> lines = command.getUsageMessage(CommandLine.Help.Ansi.OFF).lines().map(String::strip).toList();

    for (int i = 0; i + 1 < lines.size(); i++) {
      boolean cut = CUT_ABBREVIATION_END.matcher(lines.get(i)).matches()
          && CUT_ABBREVIATION_START.matcher(lines.get(i + 1)).matches();
      assertThat(cut).as("%s, lines %d and %d:%n%s%n%s", command.getCommandName(), i, i + 1, lines.get(i),
          lines.get(i + 1)).isFalse();
    }
  }

  @Test
  void theChecksCatchASummaryCutMidSentence() {
    Map<String, String> listed = commandList("""
        Usage: tool [COMMAND]
        Commands:
          verify   Verify a token exactly as the authorizer does (same
                     rules, same variables: JWT_ISSUER,
          sign     Mint a token.

        """);

    assertThat(listed).containsExactly(
        Map.entry("verify", "Verify a token exactly as the authorizer does (same rules, same variables: JWT_ISSUER,"),
        Map.entry("sign", "Mint a token."));
    assertThat(CUT_ABBREVIATION_END.matcher("A claim, such as (e.").matches()).isTrue();
    assertThat(CUT_ABBREVIATION_START.matcher("g. --claim x=1).").matches()).isTrue();
  }

  /** The "Commands:" section of a usage message: each command's name and its text, its wrapped lines joined. */
  private static Map<String, String> commandList(String usage) {
    Map<String, String> entries = new LinkedHashMap<>();
    String current = null;
    boolean inList = false;
    for (String line : usage.lines().toList()) {
      if (line.equals("Commands:")) {
        inList = true;
      } else if (inList && line.isBlank()) {
        break;
      } else if (inList && line.matches("  \\S.*")) {
        String[] nameAndText = line.strip().split("\\s+", 2);
        current = nameAndText[0];
        entries.put(current, nameAndText[1]);
      } else if (inList) {
        entries.merge(current, line.strip(), (text, more) -> text + " " + more);
      }
    }
    return entries;
  }
}
