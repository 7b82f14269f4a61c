package dev.tokengate.lambdarunner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokengate.testing.NativeRuntimeClient;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LambdaRuntimeJarsTest {

  @ParameterizedTest
  @CsvSource({
      "Linux, amd64, false, linux-x86_64",
      "Linux, x86_64, false, linux-x86_64",
      "Linux, aarch64, false, linux-aarch_64",
      "Linux, amd64, true, linux_musl-x86_64",
      "Linux, aarch64, true, linux_musl-aarch_64",
      "Linux, arm, false, ",
      "Linux, riscv64, false, ",
      "Linux, ppc64le, false, ",
      "Mac OS X, aarch64, false, ",
      "Mac OS X, x86_64, false, ",
      "Windows 11, amd64, false, ",
      "FreeBSD, amd64, false, "})
  void namesTheRuntimeClientsNativeLibraryOnlyForLinuxOnX8664AndAarch64(
      String osName, String osArch, boolean musl, String platform) {
    assertThat(LambdaRuntimeJars.nativePlatform(osName, osArch, musl)).isEqualTo(Optional.ofNullable(platform));
    // The tests that need the client's library ask test-support's condition, which must say the same.
    assertThat(NativeRuntimeClient.supports(osName, osArch)).isEqualTo(platform != null);
  }
}
