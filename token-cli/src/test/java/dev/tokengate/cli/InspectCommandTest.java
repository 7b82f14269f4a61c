package dev.tokengate.cli;

import static dev.tokengate.cli.CliRun.NOW;
import static dev.tokengate.cli.CliRun.cli;
import static dev.tokengate.cli.CliRun.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InspectCommandTest {

  @Test
  void decodesWithoutAKeyAndSaysNothingWasVerified() {
    CliRun.Result result = cli().run("inspect", "--now", NOW.plusSeconds(18 * 60).toString(), token("--sub", "alice"));

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).startsWith("token-cli inspect: NOT verified").hasLineCount(1);
    assertThat(result.out()).contains("alg  \"HS256\"")
        .contains("sub  \"alice\"")
        .contains("2026-01-01T01:00:00Z  (expires in 42 min)");
  }

  @Test
  void saysHowLongAgoATokenExpired() {
    CliRun.Result result = cli().run("inspect", "--now", NOW.plusSeconds(4 * 3600).toString(), token());

    assertThat(result.out()).contains("(expired 3 h ago)");
  }

  @Test
  void printsJson() {
    CliRun.Result result = cli().run("inspect", "--json", token("--sub", "alice"));

    Map<String, Object> json = Json.parseObject(result.out());
    assertThat(json.get("claims")).isInstanceOf(Map.class);
    assertThat(((Map<?, ?>) json.get("claims")).get("sub")).isEqualTo("alice");
    assertThat(result.err()).contains("NOT verified");
  }

  @Test
  void readsTheTokenFromStdin() {
    assertThat(cli().stdin("Authorization: Bearer " + token()).run("inspect", "-").exitCode()).isZero();
  }

  @Test
  void exitsThreeOnATokenThatDoesNotDecode() {
    CliRun.Result result = cli().run("inspect", "aGVhZGVy.cGF5bG9hZA.c2ln");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).startsWith("token-cli inspect: malformed token: the header is not a JSON object")
        .hasLineCount(1);
  }

  @Test
  void exitsThreeOnAnEmptyToken() {
    assertThat(cli().stdin("\n").run("inspect", "-").exitCode()).isEqualTo(3);
  }
}
