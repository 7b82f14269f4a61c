package dev.tokengate.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokengate.authorizer.secrets.FakeSecretsManager;
import dev.tokengate.authorizer.secrets.SecretFetcher;
import dev.tokengate.core.config.EnvironmentConfig;
import dev.tokengate.testing.TestTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which classes a cold start loads, seen from a fresh JVM: with {@code JWT_SECRET} not one class of the AWS SDK
 * (nor its SLF4J logging, nor our Secrets Manager code); with {@code JWT_SECRET_ARN} the SDK and its slf4j-simple
 * binding, but never the Apache or Netty HTTP clients.
 */
class SdkLoadingTest {

  @TempDir
  Path dir;

  @Test
  void loadsNoSdkOrLoggingClassWithAStaticKey() throws Exception {
    Run run = decideOnceInFreshJvm(Map.of(), TestTokens.valid());

    assertThat(run.output()).contains("\"Effect\":\"Allow\"");
    assertThat(run.loadedClasses()).anyMatch(name -> name.equals("dev.tokengate.authorizer.AuthorizerHandler"));
    assertThat(run.loadedClasses())
        .noneMatch(name -> name.startsWith("software.amazon.awssdk."))
        .noneMatch(name -> name.startsWith("org.crac."))
        .noneMatch(name -> name.startsWith("org.slf4j."))
        .noneMatch(name -> name.equals("dev.tokengate.authorizer.secrets.SecretsManagerFetcher"))
        .noneMatch(name -> name.equals("dev.tokengate.authorizer.secrets.RotatingKeySource"));
  }

  @Test
  void loadsTheSdkAndItsLogBindingButNoHeavyHttpClientWithASecretArn() throws Exception {
    try (FakeSecretsManager secretsManager = new FakeSecretsManager()) {
      secretsManager.put(SecretFetcher.AWSCURRENT, TestTokens.SECRET);
      Map<String, String> env = secretsManager.env();
      env.remove(EnvironmentConfig.JWT_SECRET);

      Run run = decideOnceInFreshJvm(env, TestTokens.valid());

      assertThat(run.output()).contains("\"Effect\":\"Allow\"");
      assertThat(run.loadedClasses())
          .anyMatch(name -> name.startsWith("software.amazon.awssdk.services.secretsmanager."))
          .anyMatch(name -> name.startsWith("software.amazon.awssdk.http.urlconnection."))
          .noneMatch(name -> name.startsWith("org.apache.http.") || name.startsWith("org.apache.hc."))
          .noneMatch(name -> name.startsWith("io.netty."))
          .noneMatch(name -> name.startsWith("software.amazon.awssdk.http.apache"))
          .anyMatch(name -> name.equals("org.slf4j.impl.SimpleLogger"));
      assertThat(run.output()).as("slf4j found its binding: no notice of its own").doesNotContain("SLF4J:");
    }
  }

  private record Run(String output, List<String> loadedClasses) {}

  private Run decideOnceInFreshJvm(Map<String, String> env, String token) throws IOException, InterruptedException {
    Path classLog = dir.resolve("classes.log");
    Path output = dir.resolve("output.txt");
    // The log file is named relative to the working directory: in -Xlog a Windows drive's colon would end the path.
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xlog:class+load=info:file=" + classLog.getFileName(),
        "-cp", System.getProperty("java.class.path"),
        DecideOnce.class.getName(), token)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile());
    if (env.containsKey(EnvironmentConfig.JWT_SECRET_ARN)) {
      builder.environment().remove(EnvironmentConfig.JWT_SECRET);
    }
    builder.environment().putAll(env);
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the child JVM finished").isTrue();
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(printed).isZero();
    List<String> classes = new ArrayList<>();
    for (String line : Files.readAllLines(classLog, StandardCharsets.UTF_8)) {
      // "[0.012s][info][class,load] java.lang.Object source: shared objects file"
      int start = line.indexOf("] ", line.indexOf("[class,load]"));
      if (start > 0) {
        classes.add(line.substring(start + 2).split(" ", 2)[0]);
      }
    }
    return new Run(printed, classes);
  }
}
