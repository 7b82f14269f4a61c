package dev.tokengate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An npm JWT library, driven through {@code interop/sign.mjs} and {@code interop/verify.mjs} under Node. The
 * secret travels on the scripts' stdin, never on a command line. Needs {@code -Pinterop}, which names the
 * {@code interop/} folder ({@code tokengate.interop.dir}) and Node ({@code tokengate.node}, default {@code node}).
 * Shared with token-cli's interop tests through this module's test jar.
 */
public enum NpmPeer {
  JSONWEBTOKEN("jsonwebtoken"),
  JOSE("jose");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String INSTALL_HINT = "run with -Pinterop after: npm ci --prefix interop";

  private final String packageName;

  NpmPeer(String packageName) {
    this.packageName = packageName;
  }

  /** Signs {@code payload} as the library does with these options (see interop/README.md) and returns the token. */
  public String sign(String secret, Map<String, ?> payload, Map<String, ?> options) {
    return run("sign.mjs", Map.of("secret", secret, "payload", payload, "options", options)).trim();
  }

  /** Verifies {@code token}: {@code {"valid":true,"payload":{...}}} or {@code {"valid":false,"error":"..."}}. */
  public JsonNode verify(String secret, String token, Map<String, ?> options) {
    try {
      return JSON.readTree(run("verify.mjs", Map.of("secret", secret, "token", token, "options", options)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return packageName;
  }

  private String run(String script, Map<String, ?> request) {
    Path interop = interopDir();
    try {
      Process process = new ProcessBuilder(List.of(System.getProperty("tokengate.node", "node"),
          interop.resolve(script).toString(), packageName)).start();
      CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
      CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      try (OutputStream stdin = process.getOutputStream()) {
        JSON.writeValue(stdin, request);
      }
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(script + " " + packageName + " did not finish within " + TIMEOUT);
      }
      assertThat(process.exitValue()).as("%s %s exit code; stderr: %s", script, packageName, stderr.join())
          .isZero();
      return stdout.join();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run Node (" + INSTALL_HINT + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static Path interopDir() {
    String dir = System.getProperty("tokengate.interop.dir");
    assertThat(dir).as("the interop/ folder (%s)", INSTALL_HINT).isNotNull();
    Path interop = Path.of(dir);
    assertThat(interop.resolve("node_modules")).as("interop/node_modules (%s)", INSTALL_HINT).isDirectory();
    return interop;
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
