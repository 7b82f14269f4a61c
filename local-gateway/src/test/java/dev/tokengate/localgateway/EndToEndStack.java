package dev.tokengate.localgateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * The stack the end-to-end test and the load check run: the packaged hello-lambda behind {@link TestAuthorizer},
 * which is packed alone into its own jar, as a deployment package would hold it.
 */
final class EndToEndStack {

  static final Path HELLO_ARTIFACT =
      Path.of("..", "hello-lambda", "target", "hello-lambda.jar").toAbsolutePath().normalize();
  /** By name, so that callers need not load the class (or the Lambda interface it implements). */
  private static final String AUTHORIZER_CLASS_FILE = "dev/tokengate/localgateway/TestAuthorizer.class";

  private EndToEndStack() {}

  /** Writes the template and the test authorizer's jar into {@code folder}; returns the template. */
  static Path writeTemplate(Path folder) throws IOException {
    if (!Files.isRegularFile(HELLO_ARTIFACT)) {
      throw new IllegalStateException(HELLO_ARTIFACT + " is missing; run ./mvnw -B package first");
    }
    Path authorizerJar = folder.resolve("authorizer.jar");
    ClassLoader loader = EndToEndStack.class.getClassLoader();
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(authorizerJar));
        InputStream classFile = loader.getResourceAsStream(AUTHORIZER_CLASS_FILE)) {
      jar.putNextEntry(new JarEntry(AUTHORIZER_CLASS_FILE));
      classFile.transferTo(jar);
      jar.closeEntry();
    }
    try (InputStream in = loader.getResourceAsStream("templates/end-to-end.yaml")) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("${AUTHORIZER_ARTIFACT}", authorizerJar.toString())
          .replace("${HELLO_ARTIFACT}", HELLO_ARTIFACT.toString());
      Path template = folder.resolve("template.yaml");
      Files.writeString(template, yaml);
      return template;
    }
  }
}
