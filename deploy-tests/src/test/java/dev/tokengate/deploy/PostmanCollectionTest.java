package dev.tokengate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Postman's own runner, newman, loads the collection with the local environment and runs every request and
 * every test script. Nothing listens on the port it is pointed at: this proves the collection is well formed
 * and its variables resolve, not that the API answers right (that needs a running API; see .ci/newman-local).
 */
@Tag("integration")
class PostmanCollectionTest {

  private static final Path POSTMAN = ExternalTool.ROOT.resolve("postman");
  private static final String TOKEN = "header.payload.signature";
  private static final String EXPIRED_TOKEN = "expired.payload.signature";
  private static final Pattern EXPECTED_STATUS = Pattern.compile(": (\\d{3}) ");

  private static int closedPort;
  private static JsonNode run;

  @BeforeAll
  static void runCollectionAgainstAClosedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Path report = ExternalTool.ROOT.resolve("deploy-tests/target/newman-dry-run.json");
    Files.createDirectories(report.getParent());
    ExternalTool.Result newman = ExternalTool.run(List.of(
        ExternalTool.node(), ExternalTool.newman().toString(), "run",
        POSTMAN.resolve("tokengate.postman_collection.json").toString(),
        "--environment", POSTMAN.resolve("local.postman_environment.json").toString(),
        "--env-var", "baseUrl=http://127.0.0.1:" + closedPort,
        "--env-var", "token=" + TOKEN,
        "--env-var", "expiredToken=" + EXPIRED_TOKEN,
        "--reporters", "json", "--reporter-json-export", report.toString()));

    assertThat(newman.exitCode()).as("newman fails the run, as no API answers: %s", newman.describe()).isEqualTo(1);
    run = new ObjectMapper().readTree(report.toFile()).path("run");
  }

  @Test
  void runsTheSeedCasesTheExpiredTokenAndWhoAmIInOrder() {
    List<String> names = new ArrayList<>();
    run.path("executions").forEach(execution -> names.add(execution.at("/item/name").asText()));

    assertThat(names).containsExactly(
        "No token: 401 Unauthorized",
        "Not a JWT: 401 Unauthorized",
        "Bad signature: 403 invalid signature",
        "Expired token: 403 token expired",
        "Good token: 200 Hello from Lambda!",
        "Who am I: 200 with the principal");
  }

  @Test
  void everyTestScriptRunsWithoutAScriptError() {
    assertThat(run.at("/stats/testScripts/total").asInt()).isEqualTo(6);
    assertThat(run.at("/stats/testScripts/failed").asInt()).isZero();
    assertThat(run.at("/stats/prerequestScripts/failed").asInt()).isZero();
  }

  @Test
  void everyRequestGoesToTheBaseUrlWithTheAuthorizationItsCaseNeeds() {
    List<String> authorizations = new ArrayList<>();
    run.path("executions").forEach(execution -> {
      JsonNode request = execution.path("request");
      assertThat(header(request, "Host")).isEqualTo("127.0.0.1:" + closedPort);
      assertThat(execution.at("/requestError/code").asText()).isEqualTo("ECONNREFUSED");
      authorizations.add(header(request, "Authorization"));
    });

    assertThat(authorizations).containsExactly(
        "(none)", "Bearer not-a-jwt", "Bearer " + badToken(), "Bearer " + EXPIRED_TOKEN,
        "Bearer " + TOKEN, "Bearer " + TOKEN);
  }

  @Test
  void everyRequestAssertsTheStatusItsNamePromises() {
    run.path("executions").forEach(execution -> {
      String name = execution.at("/item/name").asText();
      Matcher status = EXPECTED_STATUS.matcher(name);
      assertThat(status.find()).as("a status in %s", name).isTrue();
      List<String> assertions = new ArrayList<>();
      execution.path("assertions").forEach(assertion -> assertions.add(assertion.path("assertion").asText()));
      assertThat(assertions).as(name).contains("status is " + status.group(1)).hasSizeGreaterThan(1);
    });
  }

  private static String header(JsonNode request, String name) {
    for (JsonNode header : request.path("header")) {
      if (header.path("key").asText().equalsIgnoreCase(name)) {
        return header.path("value").asText();
      }
    }
    return "(none)";
  }

  private static String badToken() {
    try {
      JsonNode environment = new ObjectMapper().readTree(POSTMAN.resolve("local.postman_environment.json").toFile());
      for (JsonNode variable : environment.path("values")) {
        if (variable.path("key").asText().equals("badToken")) {
          return variable.path("value").asText();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("local environment has no badToken");
  }
}
