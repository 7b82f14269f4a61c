package dev.tokengate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a secret to a file that only its owner can read and write ({@code rw-------}), created with those
 * permissions so that the secret is never readable by others, not even for a moment, and tells whether an
 * existing secret file is readable by others. Stateless.
 */
final class SecretFile {

  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private SecretFile() {}

  /**
   * Writes {@code text} and a line break to {@code file}.
   *
   * @param overwrite whether an existing file may be replaced (atomically, with owner-only permissions)
   * @return false when the file system has no POSIX permissions (the caller must warn), true otherwise
   * @throws InputException when the file exists and {@code overwrite} is false, or it cannot be written
   */
  static boolean write(Path file, String text, boolean overwrite) {
    byte[] content = (text + "\n").getBytes(StandardCharsets.UTF_8);
    boolean posix = supportsPosix(file);
    try {
      if (!overwrite) {
        Files.write(Files.createFile(file, ownerOnly(posix)), content, StandardOpenOption.WRITE);
        return posix;
      }
      // A fresh owner-only file moved over the old one: the old file's permissions do not carry over.
      Path temporary = Files.createTempFile(parent(file), ".secret-", ".tmp", ownerOnly(posix));
      try {
        Files.write(temporary, content, StandardOpenOption.WRITE);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temporary);
      }
      return posix;
    } catch (FileAlreadyExistsException e) {
      throw new InputException("'" + file + "' exists: not overwriting a key that may be in use (add --force to"
          + " replace it)", e);
    } catch (NoSuchFileException e) {
      throw new InputException("cannot write '" + file + "': its folder does not exist", e);
    } catch (AccessDeniedException e) {
      throw new InputException("cannot write '" + file + "': permission denied", e);
    } catch (IOException e) {
      throw new InputException("cannot write '" + file + "': " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Whether {@code file} is a regular file that its group or other users may read. False where the file system
   * has no POSIX permissions (Windows), and when the permissions cannot be read: the check only warns.
   */
  static boolean readableByOthers(Path file) {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return false;
    }
    try {
      PosixFileAttributes attributes = view.readAttributes();
      Set<PosixFilePermission> permissions = attributes.permissions();
      return attributes.isRegularFile()
          && (permissions.contains(PosixFilePermission.GROUP_READ)
              || permissions.contains(PosixFilePermission.OTHERS_READ));
    } catch (IOException e) {
      return false;
    }
  }

  private static FileAttribute<?>[] ownerOnly(boolean posix) {
    return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
  }

  private static Path parent(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent != null ? parent : file.toAbsolutePath();
  }

  private static boolean supportsPosix(Path file) {
    return parent(file).getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
