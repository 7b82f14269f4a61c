package dev.tokengate.localgateway;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the runtime interface client and its libraries, which the build copies to {@code lambda-runtime/} next to
 * {@code local-gateway.jar} (or next to {@code classes/} when run from the build's output, as the tests do).
 */
final class LambdaRuntimeJars {

  static final String FOLDER = "lambda-runtime";

  private LambdaRuntimeJars() {}

  /** @throws IllegalStateException with a one-line fix when the folder is missing or holds no client */
  static List<Path> locate() {
    Path folder = directory().orElseThrow(() -> new IllegalStateException(
        "cannot tell where local-gateway runs from; run it as java -jar local-gateway/target/local-gateway.jar"));
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> jars = files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
      if (jars.stream().anyMatch(jar -> jar.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))) {
        return jars;
      }
    } catch (IOException e) {
      // reported below
    }
    throw new IllegalStateException("the Lambda runtime is missing from " + folder
        + "; run ./mvnw -B package first");
  }

  static Optional<Path> directory() {
    CodeSource source = LambdaRuntimeJars.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      return Optional.empty();
    }
    try {
      Path location = Path.of(source.getLocation().toURI());
      return Optional.ofNullable(location.getParent()).map(parent -> parent.resolve(FOLDER));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
