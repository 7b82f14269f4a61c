package dev.tokengate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretReaderTest {

  @TempDir Path dir;

  private final List<String> warnings = new ArrayList<>();

  private SecretReader reader(Map<String, String> env, String stdin, Optional<SecretPrompt> terminal) {
    return new SecretReader(new Host(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        terminal, Clock.systemUTC()), warnings::add);
  }

  @Test
  void readsAGroupReadableFileButWarnsNamingTheFix() throws Exception {
    assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "POSIX file permissions");
    Path file = Files.writeString(dir.resolve("k"), "key\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    assertThat(reader(Map.of(), "", Optional.empty()).read(new SecretSource.File(file.toString())).text())
        .isEqualTo("key");
    assertThat(warnings)
        .containsExactly("token-cli: warning: " + file + " is readable by other users; chmod 600 " + file);
  }

  @Test
  void neverWarnsAboutStdin() {
    reader(Map.of(), "key\n", Optional.empty()).read(new SecretSource.File("-"));
    reader(Map.of(), "key\n", Optional.empty()).read(new SecretSource.Stdin());

    assertThat(warnings).isEmpty();
  }

  @Test
  void stripsExactlyOneTrailingNewlineFromAFile() throws Exception {
    Path file = Files.writeString(dir.resolve("k"), "key with space \n\n");
    assertThat(reader(Map.of(), "", Optional.empty()).read(new SecretSource.File(file.toString())).text())
        .isEqualTo("key with space \n");
  }

  @Test
  void stripsOneCrLfFromStdinAndKeepsEverythingElse() {
    assertThat(reader(Map.of(), "  key\t\r\n", Optional.empty()).read(new SecretSource.Stdin()).text())
        .isEqualTo("  key\t");
  }

  @Test
  void readsStdinThroughTheDashFile() {
    assertThat(reader(Map.of(), "key\n", Optional.empty()).read(new SecretSource.File("-")).text()).isEqualTo("key");
  }

  @Test
  void takesAnEnvironmentVariableExactlyAsSet() {
    SecretReader reader = reader(Map.of("MY_KEY", "key\n"), "", Optional.empty());
    assertThat(reader.read(new SecretSource.Environment("MY_KEY")).text()).isEqualTo("key\n");
  }

  @Test
  void defaultsToJwtSecretBeforeThePrompt() {
    SecretReader reader = reader(Map.of("JWT_SECRET", "from-env"), "", Optional.of(prompt -> {
      throw new AssertionError("must not prompt");
    }));
    assertThat(reader.read(new SecretSource.Automatic()).text()).isEqualTo("from-env");
  }

  @Test
  void promptsOnATerminalWhenNothingElseIsGiven() {
    SecretReader reader = reader(Map.of(), "", Optional.of(prompt -> "typed".toCharArray()));
    assertThat(reader.read(new SecretSource.Automatic()).text()).isEqualTo("typed");
  }

  @Test
  void failsWithoutASourceAndWithoutATerminal() {
    assertThatThrownBy(() -> reader(Map.of(), "", Optional.empty()).read(new SecretSource.Automatic()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("no secret")
        .hasMessageContaining("token-cli secret");
  }

  @Test
  void failsOnAnUnsetVariableNamingIt() {
    assertThatThrownBy(() -> reader(Map.of(), "", Optional.empty()).read(new SecretSource.Environment("NOPE")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("NOPE is not set");
  }

  @Test
  void failsOnAnEmptySecret() {
    assertThatThrownBy(() -> reader(Map.of(), "\n", Optional.empty()).read(new SecretSource.Stdin()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void failsOnAMissingFileNamingIt() {
    String missing = dir.resolve("missing").toString();
    assertThatThrownBy(() -> reader(Map.of(), "", Optional.empty()).read(new SecretSource.File(missing)))
        .isInstanceOf(InputException.class)
        .hasMessage("cannot read secret file '" + missing + "': no such file");
  }

  @Test
  void failsOnInvalidUtf8() throws Exception {
    Path file = Files.write(dir.resolve("k"), new byte[] {'a', (byte) 0xff, 'b'});
    assertThatThrownBy(() -> reader(Map.of(), "", Optional.empty()).read(new SecretSource.File(file.toString())))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("not valid UTF-8");
  }

  @Test
  void neverShowsTheSecretInToString() {
    assertThat(new Secret("s3cr3t-value").toString()).doesNotContain("s3cr3t");
  }
}
