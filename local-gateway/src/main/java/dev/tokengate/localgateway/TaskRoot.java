package dev.tokengate.localgateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Unpacks a function's artifact into a folder, as Lambda unpacks a deployment package into {@code /var/task}. */
final class TaskRoot {

  private TaskRoot() {}

  /**
   * The folder the function runs from: {@code codeUri} itself when it is a folder, else a new folder under
   * {@code parent} holding the unpacked jar or zip.
   *
   * @throws IOException when the artifact cannot be read, or an entry would land outside the folder
   */
  static Path prepare(Path codeUri, Path parent) throws IOException {
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
          Files.createDirectories(target.getParent());
          Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return root;
  }
}
