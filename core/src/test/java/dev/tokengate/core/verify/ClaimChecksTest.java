package dev.tokengate.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.Verification;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokengate.core.config.AuthorizerConfig;
import dev.tokengate.core.config.EnvironmentConfig;
import dev.tokengate.core.jws.StrictJson;
import dev.tokengate.testing.TestTokens;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ClaimChecks} decides exactly as java-jwt's {@code JWTVerifier} did with tokengate's settings: the oracle
 * below is that verifier, and seeded random claim sets around the boundaries must get the same reason from both.
 */
class ClaimChecksTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Algorithm HS256 = Algorithm.HMAC256(TestTokens.SECRET);
  private static final long NOW = TestTokens.NOW_SECONDS;

  static Stream<Arguments> claimSets() {
    Random random = new Random(8L);
    String[] issuers = {null, "https://issuer.example", "https://other.example"};
    String[] audiences = {null, "\"api\"", "\"other\"", "[\"other\",\"api\"]", "[\"other\"]"};
    return IntStream.range(0, 1000).mapToObj(i -> {
      StringBuilder claims = new StringBuilder("{\"sub\":\"alice\"");
      if (random.nextInt(8) > 0) {
        claims.append(",\"exp\":").append(date(random));
      }
      if (random.nextBoolean()) {
        claims.append(",\"nbf\":").append(date(random));
      }
      if (random.nextBoolean()) {
        claims.append(",\"iat\":").append(date(random));
      }
      String iss = issuers[random.nextInt(issuers.length)];
      if (iss != null) {
        claims.append(",\"iss\":\"").append(iss).append('"');
      }
      String aud = audiences[random.nextInt(audiences.length)];
      if (aud != null) {
        claims.append(",\"aud\":").append(aud);
      }
      long leeway = random.nextInt(3) * 30L;
      return Arguments.of(claims.append('}').toString(), leeway, random.nextBoolean(), random.nextBoolean(),
          NOW + random.nextInt(1000) / 1000.0);
    });
  }

  /** Dates within a few seconds of the boundaries now +/- leeway, whole or fractional. */
  private static String date(Random random) {
    long seconds = NOW + (random.nextInt(9) - 4) * 30L + random.nextInt(5) - 2;
    return random.nextInt(4) == 0 ? seconds + "." + random.nextInt(10) : Long.toString(seconds);
  }

  @ParameterizedTest
  @MethodSource("claimSets")
  void decidesLikeJavaJwtsVerifier(String claims, long leeway, boolean withIssuer, boolean withAudience,
      double nowWithFraction) throws Exception {
    Instant now = Instant.ofEpochSecond(NOW, (long) ((nowWithFraction - NOW) * 1e9));
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    AuthorizerConfig config = EnvironmentConfig.read(TestTokens.env(
        EnvironmentConfig.JWT_LEEWAY_SECONDS, Long.toString(leeway),
        EnvironmentConfig.JWT_ISSUER, withIssuer ? "https://issuer.example" : null,
        EnvironmentConfig.JWT_AUDIENCE, withAudience ? "api" : null));

    Optional<Reason> ours = new ClaimChecks(config, clock).check((ObjectNode) JSON.readTree(claims));

    assertThat(ours).as(claims).isEqualTo(javaJwt(config, clock, claims));
  }

  @Test
  void expiresWhenNowMinusLeewayReachesExp() {
    AuthorizerConfig config = EnvironmentConfig.read(TestTokens.env(EnvironmentConfig.JWT_LEEWAY_SECONDS, "60"));
    ClaimChecks checks = new ClaimChecks(config, TestTokens.CLOCK);

    assertThat(checks.check(payload("{\"exp\":" + (NOW - 60) + "}"))).contains(Reason.TOKEN_EXPIRED);
    assertThat(checks.check(payload("{\"exp\":" + (NOW - 59) + "}"))).isEmpty();
    assertThat(checks.check(payload("{\"exp\":" + (NOW + 3600) + ",\"nbf\":" + (NOW + 61) + "}")))
        .contains(Reason.TOKEN_NOT_YET_VALID);
    assertThat(checks.check(payload("{\"exp\":" + (NOW + 3600) + ",\"nbf\":" + (NOW + 60) + "}"))).isEmpty();
  }

  private static ObjectNode payload(String json) {
    return StrictJson.readObject(json).orElseThrow();
  }

  /** What TokenVerifier did before it checked claims itself: java-jwt's verifier, exceptions mapped to reasons. */
  private static Optional<Reason> javaJwt(AuthorizerConfig config, Clock clock, String claims) {
    Verification verification = JWT.require(HS256).acceptLeeway(config.leeway().getSeconds())
        .withClaimPresence("exp");
    config.issuer().ifPresent(verification::withIssuer);
    config.audience().ifPresent(verification::withAudience);
    JWTVerifier verifier = ((JWTVerifier.BaseVerification) verification).build(clock);
    try {
      verifier.verify(TestTokens.sign(TestTokens.HS256_HEADER, claims));
      return Optional.empty();
    } catch (TokenExpiredException e) {
      return Optional.of(Reason.TOKEN_EXPIRED);
    } catch (MissingClaimException e) {
      return Optional.of(Reason.MISSING_CLAIM);
    } catch (IncorrectClaimException e) {
      String claim = e.getClaimName();
      return Optional.of("nbf".equals(claim) || "iat".equals(claim) ? Reason.TOKEN_NOT_YET_VALID
          : Reason.INVALID_CLAIM);
    } catch (JWTVerificationException e) {
      return Optional.of(Reason.MALFORMED_TOKEN);
    }
  }
}
