package dev.tokengate.cli;

import dev.tokengate.core.jws.StrictUtf8;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the small texts token-cli takes (secrets, tokens, claims, events) from files or stdin, as strict UTF-8
 * and with a size limit, turning every failure into a one-line {@link InputException}. Stateless.
 */
final class Inputs {

  /** Far above any secret, token or claims file; keeps a mistaken {@code < /dev/zero} from eating memory. */
  static final int MAX_BYTES = 1 << 20;

  private Inputs() {}

  /**
   * Reads a file, or {@code stdin} when {@code path} is {@code -}.
   *
   * @param what what the file holds, for messages (e.g. "secret file")
   * @throws InputException when it cannot be read, is too large or is not UTF-8
   */
  static String read(String path, InputStream stdin, String what) {
    if ("-".equals(path)) {
      return readStdin(stdin, what + " (stdin)");
    }
    Path file = Path.of(path);
    try {
      if (Files.isDirectory(file)) {
        throw new InputException("cannot read " + what + " '" + path + "': it is a directory");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new InputException(what + " '" + path + "' is larger than " + MAX_BYTES + " bytes");
      }
      return utf8(Files.readAllBytes(file), what + " '" + path + "'");
    } catch (NoSuchFileException e) {
      throw new InputException("cannot read " + what + " '" + path + "': no such file", e);
    } catch (AccessDeniedException e) {
      throw new InputException("cannot read " + what + " '" + path + "': permission denied", e);
    } catch (IOException e) {
      throw new InputException("cannot read " + what + " '" + path + "': " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Reads all of standard input.
   *
   * @throws InputException when it cannot be read, is too large or is not UTF-8
   */
  static String readStdin(InputStream stdin, String what) {
    try {
      byte[] bytes = stdin.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new InputException(what + " is larger than " + MAX_BYTES + " bytes");
      }
      return utf8(bytes, what);
    } catch (IOException e) {
      throw new InputException("cannot read " + what + ": " + e.getClass().getSimpleName(), e);
    }
  }

  /** Removes exactly one trailing line break ({@code \n} or {@code \r\n}), what {@code echo} and editors add. */
  static String stripOneNewline(String text) {
    if (text.endsWith("\r\n")) {
      return text.substring(0, text.length() - 2);
    }
    if (text.endsWith("\n")) {
      return text.substring(0, text.length() - 1);
    }
    return text;
  }

  /** The authorizer's strict decoder: refuses malformed sequences, overlong forms and encoded surrogates. */
  private static String utf8(byte[] bytes, String what) {
    return StrictUtf8.decode(bytes).orElseThrow(() -> new InputException(what + " is not valid UTF-8 text"));
  }
}
