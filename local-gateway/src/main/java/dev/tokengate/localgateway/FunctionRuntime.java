package dev.tokengate.localgateway;

import dev.tokengate.lambdarunner.ChildJvm;
import dev.tokengate.lambdarunner.NativeClientUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What runs the functions in their JVMs ({@code --runtime}): AWS's runtime interface client, as in Lambda, which
 * needs its JNI library (Linux on x86_64 or arm64); the pure-Java runtime, which loads and (de)serializes as the
 * Java runtime does and runs anywhere; or the first where it can, the second elsewhere.
 */
enum FunctionRuntime {
  AUTO,
  NATIVE,
  JAVA;

  /** The launcher chosen, and the line local-gateway prints about it at start-up. */
  record Choice(ChildJvm jvm, String description) {}

  /** Starts a launcher; the runtime jars and the work folder are the caller's. */
  @FunctionalInterface
  interface Launcher {
    ChildJvm create(List<Path> runtimeJars, Path folder) throws IOException;
  }

  /**
   * Picks the launcher for this setting.
   *
   * @throws StartupException when {@code native} is asked for on a machine without the client's library
   * @throws IOException when a launcher cannot write its files
   */
  Choice choose(List<Path> runtimeJars, Path folder, Launcher nativeClient, Launcher pureJava)
      throws StartupException, IOException {
    String client = "functions run under AWS's runtime interface client, as in Lambda";
    String java = "functions run in the pure-Java runtime, which loads and (de)serializes as the Java runtime does";
    switch (this) {
      case NATIVE:
        try {
          return new Choice(nativeClient.create(runtimeJars, folder), client + " (--runtime native)");
        } catch (NativeClientUnavailableException e) {
          throw new StartupException("--runtime native: " + e.getMessage() + "; use --runtime java or auto");
        }
      case JAVA:
        return new Choice(pureJava.create(runtimeJars, folder), java + " (--runtime java)");
      default:
        try {
          return new Choice(nativeClient.create(runtimeJars, folder),
              client + " (--runtime auto: its native library exists for this system)");
        } catch (NativeClientUnavailableException e) {
          return new Choice(pureJava.create(runtimeJars, folder), java + " (--runtime auto: " + e.getMessage() + ")");
        }
    }
  }

  /** As {@code --runtime} spells it. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
