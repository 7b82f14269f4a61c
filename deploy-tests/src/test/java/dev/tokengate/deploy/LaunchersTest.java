package dev.tokengate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The Windows launchers in {@code bin/*.cmd} cannot be run here, so this checks what can be: each has a launcher
 * for other systems beside it, both name the same jars, those jars are what the build produces, and the file has
 * Windows line breaks (cmd.exe misreads labels in a file without them).
 */
class LaunchersTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path BIN = ROOT.resolve("bin");
  /** A module's jar as a launcher names it: {@code module/target/name.jar}, with either separator. */
  private static final Pattern JAR = Pattern.compile("([\\w-]+)[/\\\\]target[/\\\\]([\\w-]+\\.jar)");

  @TestFactory
  Stream<DynamicTest> everyWindowsLauncherRunsTheJarsItsCounterpartRuns() throws IOException {
    try (Stream<Path> files = Files.list(BIN)) {
      List<Path> launchers = files.filter(file -> file.toString().endsWith(".cmd")).sorted().toList();
      assertThat(launchers).extracting(file -> file.getFileName().toString())
          .contains("token-cli.cmd", "local-api.cmd");
      return launchers.stream().map(cmd -> DynamicTest.dynamicTest(cmd.getFileName().toString(), () -> {
        String name = cmd.getFileName().toString();
        Path counterpart = BIN.resolve(name.substring(0, name.length() - ".cmd".length()));
        String windows = Files.readString(cmd, StandardCharsets.UTF_8);

        assertThat(counterpart).as("the launcher for other systems").isRegularFile();
        assertThat(jars(windows)).isNotEmpty().isEqualTo(jars(Files.readString(counterpart, StandardCharsets.UTF_8)));
        assertThat(jars(windows)).allSatisfy(jar -> assertThat(ROOT.resolve(jar))
            .as("%s, which the build produces (run ./mvnw -B package first)", jar).isRegularFile());
        assertThat(windows.replace("\r\n", "")).as("CRLF line breaks only").doesNotContain("\n");
      }));
    }
  }

  /** The jars a launcher names, as paths from the repository root with "/". */
  private static Set<String> jars(String script) {
    Set<String> jars = new LinkedHashSet<>();
    Matcher matcher = JAR.matcher(script);
    while (matcher.find()) {
      jars.add(matcher.group(1) + "/target/" + matcher.group(2));
    }
    return jars;
  }
}
