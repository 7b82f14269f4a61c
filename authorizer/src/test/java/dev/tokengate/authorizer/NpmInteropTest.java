package dev.tokengate.authorizer;

import static dev.tokengate.testing.TestTokens.METHOD_ARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokengate.core.config.EnvironmentConfig;
import dev.tokengate.core.verify.Reason;
import dev.tokengate.testing.NpmPeer;
import dev.tokengate.testing.TestTokens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tokens cross between the authorizer and npm's {@code jsonwebtoken} (what the seed article signs with) and
 * {@code jose}, both real libraries run under Node: theirs pass our authorizer exactly when they should, ours
 * pass theirs. Runs with {@code -Pinterop}.
 */
@Tag("interop")
class NpmInteropTest {

  /** A strong key made for this run: both sides use its UTF-8 bytes. */
  private static final String SECRET = randomSecret();
  private static final String ISSUER = "https://issuer.tokengate.test";
  private static final String AUDIENCE = "tokengate-api";
  /** The seed article's payload, signed with its options: {@code jwt.sign(payload, secret, {expiresIn: '1h'})}. */
  private static final Map<String, Object> SEED_PAYLOAD =
      Map.of("userId", "123456789", "username", "example_user", "role", "admin");
  private static final Map<String, Object> SEED_OPTIONS = Map.of("expiresIn", "1h");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ByteArrayOutputStream decisionLog = new ByteArrayOutputStream();

  @ParameterizedTest(name = "{0}")
  @EnumSource(NpmPeer.class)
  void allowsTheSeedArticlesToken(NpmPeer peer) throws IOException {
    String token = peer.sign(SECRET, SEED_PAYLOAD, SEED_OPTIONS);

    ObjectNode expected = (ObjectNode) AuthorizerHandlerTest.golden("allow-user-id.json");
    expected.put("principalId", "123456789");
    assertThat(authorize(token)).isEqualTo(expected);
  }

  static Stream<Arguments> otherAlgorithms() {
    return Stream.of(NpmPeer.values()).flatMap(peer ->
        Stream.of("HS384", "HS512", "RS256", "ES256").map(algorithm -> Arguments.of(peer, algorithm)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("otherAlgorithms")
  void deniesOtherAlgorithms(NpmPeer peer, String algorithm) throws IOException {
    String token = peer.sign(SECRET, SEED_PAYLOAD, Map.of("expiresIn", "1h", "algorithm", algorithm));

    assertDenied(authorize(token), Reason.ALGORITHM_NOT_ALLOWED);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(NpmPeer.class)
  void refusesUnsecuredTokenAsUnauthorized(NpmPeer peer) throws IOException {
    String token = peer.sign(SECRET, SEED_PAYLOAD, Map.of("expiresIn", "1h", "algorithm", "none"));
    JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
    assertThat(header.path("alg").textValue()).isEqualTo("none");
    assertThat(token).as("an unsecured JWT has an empty signature").endsWith(".");

    // The empty signature fails the template's ValidationExpression too: API Gateway answers 401 either way.
    assertThatThrownBy(() -> authorize(token))
        .isExactlyInstanceOf(RuntimeException.class).hasMessage("Unauthorized");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(NpmPeer.class)
  void deniesTokenWithoutExpiry(NpmPeer peer) throws IOException {
    String token = peer.sign(SECRET, SEED_PAYLOAD, Map.of());

    assertDenied(authorize(token), Reason.MISSING_CLAIM);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(NpmPeer.class)
  void deniesExpiredToken(NpmPeer peer) throws IOException {
    // Two hours ago: well past the 60-second leeway.
    String token = peer.sign(SECRET, SEED_PAYLOAD, Map.of("expiresIn", "-2h"));

    assertDenied(authorize(token), Reason.TOKEN_EXPIRED);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(NpmPeer.class)
  void deniesTokenSignedWithAnotherSecret(NpmPeer peer) throws IOException {
    String token = peer.sign(randomSecret(), SEED_PAYLOAD, SEED_OPTIONS);

    assertDenied(authorize(token), Reason.INVALID_SIGNATURE);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(NpmPeer.class)
  void allowsTokenWithTheConfiguredIssuerAndOneOfItsAudiences(NpmPeer peer) throws IOException {
    String token = peer.sign(SECRET, SEED_PAYLOAD,
        Map.of("expiresIn", "1h", "issuer", ISSUER, "audience", List.of("other-api", AUDIENCE)));

    assertThat(authorizeWithIssuerAndAudience(token).at("/policyDocument/Statement/0/Effect").textValue())
        .isEqualTo("Allow");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(NpmPeer.class)
  void deniesTokenFromAnotherIssuer(NpmPeer peer) throws IOException {
    String token = peer.sign(SECRET, SEED_PAYLOAD,
        Map.of("expiresIn", "1h", "issuer", "https://other.test", "audience", AUDIENCE));

    assertDenied(authorizeWithIssuerAndAudience(token), Reason.INVALID_CLAIM);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(NpmPeer.class)
  void deniesTokenForAnotherAudience(NpmPeer peer) throws IOException {
    String token = peer.sign(SECRET, SEED_PAYLOAD,
        Map.of("expiresIn", "1h", "issuer", ISSUER, "audience", "other-api"));

    assertDenied(authorizeWithIssuerAndAudience(token), Reason.INVALID_CLAIM);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(NpmPeer.class)
  void allowsTokenWithAKidOfItsOwn(NpmPeer peer) throws IOException {
    // With one configured key, kid is only a hint: tokens from tools that set their own still verify.
    String token = peer.sign(SECRET, SEED_PAYLOAD, Map.of("expiresIn", "1h", "header", Map.of("kid", "their-key-7")));

    assertThat(authorize(token).path("principalId").textValue()).isEqualTo("123456789");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(NpmPeer.class)
  void theirVerifierAcceptsOurToken(NpmPeer peer) throws IOException {
    String token = ourToken(SECRET);
    assertThat(authorizeWithIssuerAndAudience(token).path("principalId").textValue())
        .as("the authorizer allows the token first").isEqualTo("alice");

    JsonNode verified = peer.verify(SECRET, token,
        Map.of("algorithms", List.of("HS256"), "issuer", ISSUER, "audience", AUDIENCE));

    assertThat(verified.path("valid").asBoolean()).as("%s", verified).isTrue();
    assertThat(verified.at("/payload/sub").textValue()).isEqualTo("alice");
    assertThat(verified.at("/payload/aud").textValue()).isEqualTo(AUDIENCE);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(NpmPeer.class)
  void theirVerifierRejectsOurTokenUnderAnotherSecret(NpmPeer peer) {
    JsonNode verified = peer.verify(randomSecret(), ourToken(SECRET), Map.of("algorithms", List.of("HS256")));

    assertThat(verified.path("valid").asBoolean()).isFalse();
    assertThat(verified.path("error").textValue()).containsIgnoringCase("signature");
  }

  /** A token as our side signs one for the authorizer: java-jwt, HS256, the key's UTF-8 bytes. */
  private static String ourToken(String secret) {
    Instant now = Instant.now();
    return JWT.create()
        .withSubject("alice")
        .withIssuer(ISSUER)
        .withAudience(AUDIENCE)
        .withIssuedAt(now)
        .withExpiresAt(now.plus(Duration.ofHours(1)))
        .sign(Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8)));
  }

  private JsonNode authorize(String token) throws IOException {
    return authorize(token, TestTokens.env(EnvironmentConfig.JWT_SECRET, SECRET));
  }

  private JsonNode authorizeWithIssuerAndAudience(String token) throws IOException {
    return authorize(token, TestTokens.env(EnvironmentConfig.JWT_SECRET, SECRET,
        EnvironmentConfig.JWT_ISSUER, ISSUER, EnvironmentConfig.JWT_AUDIENCE, AUDIENCE));
  }

  /** Runs the handler on the event API Gateway would send, with the real clock: the peers sign with it too. */
  private JsonNode authorize(String token, Map<String, String> env) throws IOException {
    AuthorizerHandler handler = new AuthorizerHandler(env, Clock.systemUTC(),
        new PrintStream(decisionLog, true, StandardCharsets.UTF_8));
    byte[] event = JSON.writeValueAsBytes(Map.of(
        "type", "TOKEN", "authorizationToken", "Bearer " + token, "methodArn", METHOD_ARN));
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), response, null);
    return JSON.readTree(response.toByteArray());
  }

  private static void assertDenied(JsonNode response, Reason reason) {
    assertThat(response.at("/policyDocument/Statement/0/Effect").textValue()).isEqualTo("Deny");
    assertThat(response.at("/context/reason").textValue()).isEqualTo(reason.code());
  }

  private static String randomSecret() {
    byte[] key = new byte[48];
    new SecureRandom().nextBytes(key);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
  }
}
