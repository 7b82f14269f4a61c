package dev.tokengate.cli;

import static dev.tokengate.cli.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCommandTest {

  @TempDir Path dir;

  @Test
  void printsSixtyFourRandomBytesAsBase64Url() {
    CliRun.Result result = cli().run("secret");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).matches("[A-Za-z0-9_-]{86}\n");
  }

  @Test
  void honoursBytesAndEncoding() {
    assertThat(cli().run("secret", "--bytes", "32", "--encoding", "hex").out()).matches("[0-9a-f]{64}\n");
    assertThat(cli().run("secret", "--encoding", "base64").out()).matches("[A-Za-z0-9+/]{86}==\n");
  }

  @Test
  void writesAnOwnerOnlyFileThatSignReads() throws Exception {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path file = dir.resolve("jwt-secret.txt");

    CliRun.Result result = cli().run("secret", "-o", file.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(cli().run("sign", "--sub", "alice", "--secret-file", file.toString()).exitCode()).isZero();
  }

  @Test
  void refusesToOverwriteWithoutForce() throws Exception {
    Path file = Files.writeString(dir.resolve("jwt-secret.txt"), "in use\n");

    CliRun.Result refused = cli().run("secret", "-o", file.toString());

    assertThat(refused.exitCode()).isEqualTo(3);
    assertThat(refused.err()).contains("--force").hasLineCount(1);
    assertThat(Files.readString(file)).isEqualTo("in use\n");
    assertThat(cli().run("secret", "-o", file.toString(), "--force").exitCode()).isZero();
    assertThat(Files.readString(file)).matches("[A-Za-z0-9_-]{86}\n");
  }

  @Test
  void exitsFourBelowThirtyTwoBytes() {
    CliRun.Result result = cli().run("secret", "--bytes", "16");

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.out()).isEmpty();
  }

  @Test
  void exitsTwoOnAnAbsurdSizeOrEncoding() {
    assertThat(cli().run("secret", "--bytes", "100000").exitCode()).isEqualTo(2);
    assertThat(cli().run("secret", "--encoding", "rot13").exitCode()).isEqualTo(2);
    assertThat(cli().run("secret", "--bytes", "many").exitCode()).isEqualTo(2);
  }
}
