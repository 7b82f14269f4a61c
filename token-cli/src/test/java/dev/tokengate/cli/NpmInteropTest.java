package dev.tokengate.cli;

import static dev.tokengate.cli.CliRun.SECRET;
import static dev.tokengate.cli.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokengate.testing.NpmPeer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** token-cli against real peers: npm jsonwebtoken 9 and jose, both ways. Runs with -Pinterop. */
@Tag("interop")
class NpmInteropTest {

  private static final String OTHER_SECRET = "a-different-secret-of-at-least-32-bytes!!";
  /** The peers check exp against the real clock, so these tokens are minted now. */
  private static final String NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

  private static String sign(String... options) {
    String[] args = new String[options.length + 3];
    args[0] = "sign";
    args[1] = "--now";
    args[2] = NOW;
    System.arraycopy(options, 0, args, 3, options.length);
    CliRun.Result result = cli().env("JWT_SECRET", SECRET).run(args);
    assertThat(result.exitCode()).as(result.err()).isZero();
    return result.line();
  }

  private static CliRun.Result verify(String token, String... options) {
    String[] args = new String[options.length + 4];
    args[0] = "verify";
    args[1] = "--now";
    args[2] = NOW;
    System.arraycopy(options, 0, args, 3, options.length);
    args[args.length - 1] = token;
    return cli().env("JWT_SECRET", SECRET).run(args);
  }

  @ParameterizedTest
  @EnumSource(NpmPeer.class)
  void peersAcceptTokensFromSignWithTheSameSecret(NpmPeer peer) {
    String token = sign("--sub", "alice", "--iss", "https://issuer.example", "--aud", "api", "--aud", "admin",
        "--claim", "scope:=[\"read\"]", "--jti");

    JsonNode result = peer.verify(SECRET, token,
        Map.of("algorithms", List.of("HS256"), "issuer", "https://issuer.example", "audience", "api"));

    assertThat(result.path("valid").booleanValue()).as("%s", result).isTrue();
    assertThat(result.at("/payload/sub").textValue()).isEqualTo("alice");
    assertThat(result.at("/payload/scope").toString()).isEqualTo("[\"read\"]");
  }

  @ParameterizedTest
  @EnumSource(NpmPeer.class)
  void peersRejectTokensFromSignWithAnotherSecret(NpmPeer peer) {
    JsonNode result = peer.verify(OTHER_SECRET, sign("--sub", "alice"), Map.of("algorithms", List.of("HS256")));

    assertThat(result.path("valid").booleanValue()).as("%s", result).isFalse();
    assertThat(result.path("error").textValue()).containsIgnoringCase("signature");
  }

  @ParameterizedTest
  @EnumSource(NpmPeer.class)
  void verifyAcceptsTokensThePeersMint(NpmPeer peer) {
    String token = peer.sign(SECRET, Map.of("sub", "bob", "role", "admin"),
        Map.of("expiresIn", "1h", "issuer", "https://issuer.example", "audience", "api"));

    CliRun.Result result = verify(token, "--iss", "https://issuer.example", "--aud", "api");

    assertThat(result.exitCode()).as(result.out()).isZero();
    assertThat(result.out()).contains("principal: bob");
  }

  @ParameterizedTest
  @EnumSource(NpmPeer.class)
  void verifyRejectsPeerTokensSignedWithAnotherSecret(NpmPeer peer) {
    String token = peer.sign(OTHER_SECRET, Map.of("sub", "bob"), Map.of("expiresIn", "1h"));

    CliRun.Result result = verify(token);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).startsWith("rejected: invalid_signature");
  }

  @ParameterizedTest
  @EnumSource(NpmPeer.class)
  void verifyRejectsPeerTokensWithoutExpiryAsTheAuthorizerDoes(NpmPeer peer) {
    CliRun.Result result = verify(peer.sign(SECRET, Map.of("sub", "bob"), Map.of()));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).startsWith("rejected: missing_claim");
  }
}
