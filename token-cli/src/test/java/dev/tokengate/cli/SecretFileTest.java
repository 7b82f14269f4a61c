package dev.tokengate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {

  @TempDir Path dir;

  @BeforeEach
  void posixOnly() {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
  }

  @Test
  void writesTheSecretAndALineBreakReadableOnlyByTheOwner() throws Exception {
    Path file = dir.resolve("key.txt");

    assertThat(SecretFile.write(file, "abc", false)).isTrue();

    assertThat(Files.readString(file)).isEqualTo("abc\n");
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(SecretFile.OWNER_ONLY);
  }

  @Test
  void refusesToOverwriteWithoutForce() throws Exception {
    Path file = Files.writeString(dir.resolve("key.txt"), "old\n");

    assertThatThrownBy(() -> SecretFile.write(file, "new", false))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("exists")
        .hasMessageContaining("--force");
    assertThat(Files.readString(file)).isEqualTo("old\n");
  }

  @Test
  void overwritesWithForceAndTightensThePermissions() throws Exception {
    Path file = Files.writeString(dir.resolve("key.txt"), "old\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    SecretFile.write(file, "new", true);

    assertThat(Files.readString(file)).isEqualTo("new\n");
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(SecretFile.OWNER_ONLY);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void findsAFileReadableByGroupOrOthers() throws Exception {
    Path file = Files.writeString(dir.resolve("key.txt"), "abc\n");
    for (String permissions : new String[] {"rw-r--r--", "rw-r-----", "rw----r--", "r--r-----"}) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
      assertThat(SecretFile.readableByOthers(file)).as(permissions).isTrue();
    }
  }

  @Test
  void acceptsAFileOnlyItsOwnerCanRead() throws Exception {
    Path file = Files.writeString(dir.resolve("key.txt"), "abc\n");
    for (String permissions : new String[] {"rw-------", "r--------", "rw--w----"}) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
      assertThat(SecretFile.readableByOthers(file)).as(permissions).isFalse();
    }
  }

  @Test
  void leavesWhatIsNotARegularFileAlone() {
    assertThat(SecretFile.readableByOthers(dir)).isFalse();
    assertThat(SecretFile.readableByOthers(dir.resolve("missing"))).isFalse();
  }

  @Test
  void failsClearlyWhenTheFolderIsMissing() {
    assertThatThrownBy(() -> SecretFile.write(dir.resolve("no/such/key.txt"), "abc", false))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("folder does not exist");
  }
}
