package dev.tokengate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionTest {

  /** Copied into a jar of its own, so that a class loader reads it with that jar's manifest. */
  static final class Marker {}

  @Test
  void readsTheImplementationVersionOfTheJarAClassCameFrom(@TempDir Path dir) throws Exception {
    Path jar = jarWithMarker(dir, "1.2.3");

    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      assertThat(Version.of(loader.loadClass(Marker.class.getName()))).isEqualTo("1.2.3");
    }
  }

  @Test
  void isUnknownForAClassNotLoadedFromABuiltJar() {
    assertThat(Version.of(Marker.class)).isEqualTo("unknown");
  }

  private static Path jarWithMarker(Path dir, String version) throws Exception {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
    String entry = Marker.class.getName().replace('.', '/') + ".class";
    Path jar = dir.resolve("marker.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        InputStream classFile = Marker.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      classFile.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }
}
