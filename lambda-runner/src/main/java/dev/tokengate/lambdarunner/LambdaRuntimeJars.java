package dev.tokengate.lambdarunner;

import dev.tokengate.lambdarunner.javaruntime.JavaRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds the runtime interface client and its libraries in a folder, unpacks the client's JNI library, and writes
 * out the classes of the pure-Java runtime. Stateless.
 */
public final class LambdaRuntimeJars {

  /** How the runtime interface client's jar is named; the other jars beside it are the libraries it brings. */
  static final String RUNTIME_CLIENT_JAR = "aws-lambda-java-runtime-interface-client";
  /** What the client supports, for the messages of {@link NativeClientUnavailableException}. */
  static final String SUPPORTED = "it ships one for Linux on x86_64 and aarch64 only";

  private LambdaRuntimeJars() {}

  /**
   * The jars in {@code folder}, sorted, when the runtime interface client is among them.
   *
   * @throws IllegalStateException with a one-line fix when the folder is missing or holds no client
   */
  public static List<Path> locate(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> jars = files.filter(file -> TaskRoot.fileName(file).endsWith(".jar")).sorted().toList();
      if (jars.stream().anyMatch(LambdaRuntimeJars::isRuntimeClient)) {
        return jars;
      }
    } catch (IOException e) {
      // reported below
    }
    throw new IllegalStateException("the Lambda runtime is missing from " + folder
        + "; run ./mvnw -B package first");
  }

  static boolean isRuntimeClient(Path jar) {
    return TaskRoot.fileName(jar).startsWith(RUNTIME_CLIENT_JAR);
  }

  /**
   * Unpacks the runtime client's JNI library for this machine into {@code folder}, once. The client would
   * otherwise unpack it in every JVM to one fixed path in /tmp, and JVMs starting together then load a file that
   * another one is rewriting (a crash in the dynamic loader). Lambda has one runtime per sandbox; we have many.
   *
   * @throws NativeClientUnavailableException when the client has no library for this machine
   * @throws IOException when the library cannot be read or written
   */
  static Path unpackNativeLibrary(List<Path> jars, Path folder) throws IOException {
    String os = System.getProperty("os.name", "");
    String arch = System.getProperty("os.arch", "");
    String platform = nativePlatform(os, arch, Files.exists(Path.of("/lib/ld-musl-" + muslArch(arch) + ".so.1")))
        .orElseThrow(() -> new NativeClientUnavailableException(
            "AWS's runtime interface client has no native library for " + os + " " + arch + "; " + SUPPORTED));
    String name = "jni/libaws-lambda-jni." + platform + ".so";
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
    throw new NativeClientUnavailableException("the Lambda runtime client's jars hold no native library " + name);
  }

  /**
   * The runtime client's name for the platform of its JNI library ({@code linux-x86_64},
   * {@code linux_musl-aarch_64}...), empty for a machine it has none for.
   *
   * @param osName the JVM's {@code os.name}
   * @param osArch the JVM's {@code os.arch}
   * @param musl whether the C library is musl (Alpine) rather than glibc
   */
  static Optional<String> nativePlatform(String osName, String osArch, boolean musl) {
    if (!osName.regionMatches(true, 0, "linux", 0, "linux".length())) {
      return Optional.empty();
    }
    String cpu = switch (osArch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64" -> "aarch_64";
      default -> null;
    };
    return Optional.ofNullable(cpu).map(name -> (musl ? "linux_musl-" : "linux-") + name);
  }

  private static String muslArch(String osArch) {
    return osArch.equals("aarch64") ? "aarch64" : "x86_64";
  }

  /**
   * Writes the classes of the pure-Java runtime into {@code folder}, the class path entry of a function's JVM. They
   * are read from wherever this library's classes are: its jar, its build output, or local-gateway.jar, where they
   * sit among libraries that a function must not see, hence the copy.
   *
   * @throws IOException when they cannot be found or written
   */
  static Path writeJavaRuntime(Path folder) throws IOException {
    String directory = JavaRuntime.class.getPackageName().replace('.', '/') + "/";
    Path source = codeSource();
    Path target = Files.createDirectories(folder.resolve(directory));
    if (Files.isDirectory(source)) {
      try (Stream<Path> files = Files.list(source.resolve(directory))) {
        for (Path file : files.filter(file -> TaskRoot.fileName(file).endsWith(".class")).toList()) {
          Files.copy(file, target.resolve(TaskRoot.fileName(file)), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return folder;
    }
    try (JarFile jar = new JarFile(source.toFile())) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        String name = entry.getName();
        if (name.startsWith(directory) && name.endsWith(".class") && name.indexOf('/', directory.length()) < 0) {
          try (InputStream in = jar.getInputStream(entry)) {
            Files.copy(in, target.resolve(name.substring(directory.length())), StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
    return folder;
  }

  private static Path codeSource() throws IOException {
    CodeSource source = JavaRuntime.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      throw new IOException("cannot tell where the pure-Java runtime's classes are");
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IOException("cannot read the location of the pure-Java runtime's classes: " + e.getMessage(), e);
    }
  }
}
