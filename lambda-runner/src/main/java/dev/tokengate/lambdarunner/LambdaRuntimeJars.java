package dev.tokengate.lambdarunner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Finds the runtime interface client and its libraries in a folder, and unpacks its JNI library. */
public final class LambdaRuntimeJars {

  private LambdaRuntimeJars() {}

  /**
   * The jars in {@code folder}, sorted, when the runtime interface client is among them.
   *
   * @throws IllegalStateException with a one-line fix when the folder is missing or holds no client
   */
  public static List<Path> locate(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> jars = files.filter(file -> TaskRoot.fileName(file).endsWith(".jar")).sorted().toList();
      if (jars.stream().anyMatch(jar -> TaskRoot.fileName(jar).startsWith("aws-lambda-java-runtime-interface-client"))) {
        return jars;
      }
    } catch (IOException e) {
      // reported below
    }
    throw new IllegalStateException("the Lambda runtime is missing from " + folder
        + "; run ./mvnw -B package first");
  }

  /**
   * Unpacks the runtime client's JNI library for this machine into {@code folder}, once. The client would
   * otherwise unpack it in every JVM to one fixed path in /tmp, and JVMs starting together then load a file that
   * another one is rewriting (a crash in the dynamic loader). Lambda has one runtime per sandbox; we have many.
   *
   * @throws IOException when the library cannot be found or written
   */
  static Path unpackNativeLibrary(List<Path> jars, Path folder) throws IOException {
    String name = "jni/libaws-lambda-jni." + platform() + ".so";
    for (Path jar : jars) {
      try (JarFile file = new JarFile(jar.toFile())) {
        JarEntry entry = file.getJarEntry(name);
        if (entry != null) {
          Path library = folder.resolve("libaws-lambda-jni.so");
          try (InputStream in = file.getInputStream(entry)) {
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
          }
          return library;
        }
      }
    }
    throw new IOException("the Lambda runtime client has no native library " + name + " for this machine");
  }

  /** The runtime client's name for this platform: linux or linux_musl, x86_64 or aarch_64. */
  private static String platform() throws IOException {
    String os = System.getProperty("os.name", "");
    if (!os.regionMatches(true, 0, "linux", 0, "linux".length())) {
      throw new IOException("the Lambda runtime client runs on Linux only, not on " + os);
    }
    String arch = System.getProperty("os.arch", "");
    String cpu = arch.equals("aarch64") ? "aarch_64" : "x86_64";
    boolean musl = Files.exists(Path.of("/lib/ld-musl-" + (cpu.equals("aarch_64") ? "aarch64" : "x86_64") + ".so.1"));
    return (musl ? "linux_musl-" : "linux-") + cpu;
  }
}
