package dev.tokengate.lambdarunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks a function's artifact into a folder, as Lambda unpacks a deployment package into {@code /var/task}.
 * Stateless.
 */
public final class TaskRoot {

  private TaskRoot() {}

  /**
   * The folder the function runs from: {@code codeUri} itself when it is a folder, else a new folder under
   * {@code parent} holding the unpacked jar or zip.
   *
   * @throws IOException when the artifact cannot be read, or an entry would land outside the folder
   */
  public static Path prepare(Path codeUri, Path parent) throws IOException {
    if (Files.isDirectory(codeUri)) {
      return codeUri;
    }
    Path root = Files.createTempDirectory(parent, "task-");
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(codeUri))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        Path target = root.resolve(entry.getName()).normalize();
        if (!target.startsWith(root)) {
          throw new IOException(codeUri + " has an entry outside its root: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          createParentDirectories(target);
          Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return root;
  }

  private static void createParentDirectories(Path file) throws IOException {
    Path parent = file.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }

  /** A path's last element as text, empty for a root (which has none). */
  static String fileName(Path path) {
    Path name = path.getFileName();
    return name == null ? "" : name.toString();
  }

  /**
   * Whether the handler's class is where Lambda's class loader looks: in the task root itself or in a jar under
   * its {@code lib/}. The runtime client only finds out on the first invocation; this tells at startup.
   *
   * @param handler {@code package.Class::method} or {@code package.Class}
   * @throws IOException when a jar under {@code lib/} cannot be read
   */
  public static boolean containsHandlerClass(Path root, String handler) throws IOException {
    int separator = handler.indexOf("::");
    String className = separator < 0 ? handler : handler.substring(0, separator);
    String entry = className.replace('.', '/') + ".class";
    if (Files.isRegularFile(root.resolve(entry))) {
      return true;
    }
    Path lib = root.resolve("lib");
    if (!Files.isDirectory(lib)) {
      return false;
    }
    try (Stream<Path> files = Files.list(lib)) {
      for (Path jar : files.filter(file -> fileName(file).endsWith(".jar")).toList()) {
        try (JarFile file = new JarFile(jar.toFile())) {
          if (file.getEntry(entry) != null) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
