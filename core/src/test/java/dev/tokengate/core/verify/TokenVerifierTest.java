package dev.tokengate.core.verify;

import static dev.tokengate.testing.TestTokens.FAR_FUTURE;
import static dev.tokengate.testing.TestTokens.HS256_HEADER;
import static dev.tokengate.testing.TestTokens.NOW_SECONDS;
import static dev.tokengate.testing.TestTokens.OTHER_SECRET;
import static dev.tokengate.testing.TestTokens.SECRET;
import static dev.tokengate.testing.TestTokens.b64;
import static dev.tokengate.testing.TestTokens.sign;
import static dev.tokengate.testing.TestTokens.signEncoded;
import static dev.tokengate.testing.TestTokens.valid;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.tokengate.core.config.AuthorizerConfig;
import dev.tokengate.core.config.EnvironmentConfig;
import dev.tokengate.core.jws.StrictJws;
import dev.tokengate.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenVerifierTest {

  private final TokenVerifier verifier = verifier();

  private static String claims(String extra) {
    return "{\"sub\":\"alice\",\"exp\":" + FAR_FUTURE + (extra.isEmpty() ? "" : "," + extra) + "}";
  }

  private Reason deniedReason(TokenVerifier verifier, String token) {
    Verdict verdict = verifier.verify(token);
    assertThat(verdict).isInstanceOf(Verdict.Denied.class);
    return ((Verdict.Denied) verdict).reason();
  }

  private Reason deniedReason(String token) {
    return deniedReason(verifier, token);
  }

  private Verdict.Allowed allowed(TokenVerifier verifier, String token) {
    Verdict verdict = verifier.verify(token);
    assertThat(verdict).isInstanceOf(Verdict.Allowed.class);
    return (Verdict.Allowed) verdict;
  }

  private Verdict.Allowed allowed(String token) {
    return allowed(verifier, token);
  }

  @Test
  void allowsValidTokenWithPrincipalContextAndClaims() {
    Verdict.Allowed verdict = allowed(valid());

    assertThat(verdict.principal()).isEqualTo("alice");
    assertThat(verdict.context()).containsExactly(Map.entry("sub", "alice"));
    assertThat(verdict.claims()).containsEntry("sub", "alice").containsEntry("exp", FAR_FUTURE);
    assertThat(verdict.kid()).isEmpty();
  }

  @Test
  void allowsTokenMintedByJavaJwtItself() {
    String token = JWT.create().withSubject("bob").withExpiresAt(TestTokens.NOW.plusSeconds(3600))
        .sign(Algorithm.HMAC256(SECRET.getBytes(StandardCharsets.UTF_8)));

    assertThat(allowed(token).principal()).isEqualTo("bob");
  }

  @Test
  void neverThrowsOnNull() {
    assertThat(deniedReason(null)).isEqualTo(Reason.MALFORMED_TOKEN);
  }

  /** "Compact form only" (docs/security.md): gaps in java-jwt's JDK base64 decoding are closed here. */
  @Nested
  class StrictStructure {

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "a.b", "a.b.c.d", "..", "a..c", ".b.c"})
    void deniesWrongSegmentCount(String token) {
      assertThat(deniedReason(token)).isEqualTo(Reason.MALFORMED_TOKEN);
    }

    @Test
    void deniesStrippedSignature() {
      String token = valid();
      String stripped = token.substring(0, token.lastIndexOf('.') + 1);

      assertThat(deniedReason(stripped)).isEqualTo(Reason.MALFORMED_TOKEN);
    }

    @Test
    void deniesPaddedSignatureThatJavaJwtAccepts() {
      String padded = valid() + "=";
      assertThat(JWT.require(Algorithm.HMAC256(SECRET)).build().verify(padded)).isNotNull();

      assertThat(deniedReason(padded)).isEqualTo(Reason.MALFORMED_TOKEN);
    }

    @Test
    void deniesNonCanonicalSignatureThatJavaJwtAccepts() {
      String token = valid();
      char last = token.charAt(token.length() - 1);
      // 32 bytes take 43 characters; the last one carries 2 unused bits, so last+1 decodes to the same MAC.
      String respelled = token.substring(0, token.length() - 1) + (char) (last + 1);
      assertThat(JWT.require(Algorithm.HMAC256(SECRET)).build().verify(respelled)).isNotNull();

      assertThat(deniedReason(respelled)).isEqualTo(Reason.MALFORMED_TOKEN);
    }

    @Test
    void deniesPaddedHeaderEvenWhenSignedOverThePadding() {
      String header = b64("{\"alg\":\"HS256\",\"a\":12}");
      assertThat(header.length() % 4).isNotZero();
      String padded = header + "=".repeat(4 - header.length() % 4);

      assertThat(deniedReason(signEncoded(padded, b64(claims("")), SECRET))).isEqualTo(Reason.MALFORMED_TOKEN);
    }

    @Test
    void deniesStandardAlphabetInsteadOfUrlAlphabet() {
      String payloadJson = "{\"sub\":\"al>>ice??\",\"exp\":" + FAR_FUTURE + "}";
      String standard = Base64.getEncoder().withoutPadding().encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
      assertThat(standard).containsAnyOf("+", "/");

      assertThat(deniedReason(signEncoded(b64(HS256_HEADER), standard, SECRET))).isEqualTo(Reason.MALFORMED_TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "\n", "\t", "\u0000", "%", "*"})
    void deniesForeignCharacterInsideASegment(String inserted) {
      String token = valid();
      int at = token.indexOf('.') + 5;

      assertThat(deniedReason(token.substring(0, at) + inserted + token.substring(at)))
          .isEqualTo(Reason.MALFORMED_TOKEN);
    }

    @Test
    void deniesHugeTokenWithoutLookingAtIt() {
      String token = sign(HS256_HEADER, claims("\"pad\":\"" + "x".repeat(StrictJws.MAX_TOKEN_LENGTH) + "\""));

      assertThat(deniedReason(token)).isEqualTo(Reason.MALFORMED_TOKEN);
    }

    @Test
    void deniesHugeHeader() {
      String header = "{\"alg\":\"HS256\",\"pad\":\"" + "x".repeat(StrictJws.MAX_HEADER_LENGTH) + "\"}";

      assertThat(deniedReason(sign(header, claims("")))).isEqualTo(Reason.MALFORMED_TOKEN);
    }

    @Test
    void allowsTokenJustUnderTheSizeLimits() {
      String token = sign(HS256_HEADER, claims("\"pad\":\"" + "x".repeat(4000) + "\""));

      assertThat(allowed(token).principal()).isEqualTo("alice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"HS256\"", "42", "null", "{\"alg\":\"HS256\"", "{'alg':'HS256'}"})
    void deniesHeaderThatIsNotOneJsonObject(String header) {
      assertThat(deniedReason(sign(header, claims("")))).isEqualTo(Reason.MALFORMED_TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[{\"sub\":\"alice\",\"exp\":4102444800}]",
        "{\"sub\":\"alice\",\"exp\":4102444800} {\"sub\":\"admin\"}",
        "{\"sub\":\"alice\",\"exp\":4102444800}garbage",
        "{/* comment */\"sub\":\"alice\",\"exp\":4102444800}",
        "{\"sub\":\"alice\",\"exp\":NaN}",
        "\uFEFF{\"sub\":\"alice\",\"exp\":4102444800}",
        ""})
    void deniesPayloadThatIsNotExactlyOneJsonObject(String payload) {
      assertThat(deniedReason(sign(HS256_HEADER, payload))).isEqualTo(Reason.MALFORMED_TOKEN);
    }

    @Test
    void deniesTrailingDataThatJavaJwtIgnores() {
      String token = sign(HS256_HEADER, claims("") + "{\"sub\":\"admin\"}");
      assertThat(JWT.require(Algorithm.HMAC256(SECRET)).build().verify(token).getSubject()).isEqualTo("alice");

      assertThat(deniedReason(token)).isEqualTo(Reason.MALFORMED_TOKEN);
    }

    @Test
    void deniesDuplicateClaimThatJavaJwtResolvesToTheLastValue() {
      String token = sign(HS256_HEADER, "{\"sub\":\"alice\",\"exp\":" + FAR_FUTURE + ",\"sub\":\"admin\"}");
      assertThat(JWT.require(Algorithm.HMAC256(SECRET)).build().verify(token).getSubject()).isEqualTo("admin");

      assertThat(deniedReason(token)).isEqualTo(Reason.MALFORMED_TOKEN);
    }

    @Test
    void deniesDuplicateClaimSpelledWithAJsonEscape() {
      String token = sign(HS256_HEADER, "{\"sub\":\"alice\",\"exp\":" + FAR_FUTURE + ",\"\\u0073ub\":\"admin\"}");

      assertThat(deniedReason(token)).isEqualTo(Reason.MALFORMED_TOKEN);
    }

    @Test
    void deniesDuplicateAlgorithmInHeader() {
      String token = sign("{\"alg\":\"none\",\"alg\":\"HS256\"}", claims(""));

      assertThat(deniedReason(token)).isEqualTo(Reason.MALFORMED_TOKEN);
    }

    @Test
    void deniesInvalidUtf8ThatJavaJwtTurnsIntoReplacementCharacters() {
      byte[] payload = ("{\"sub\":\"al\u0001ce\",\"exp\":" + FAR_FUTURE + "}").getBytes(StandardCharsets.UTF_8);
      payload[10] = (byte) 0xC3; // a lead byte followed by '"': no valid UTF-8
      String token = signEncoded(b64(HS256_HEADER), b64(payload), SECRET);
      assertThat(JWT.require(Algorithm.HMAC256(SECRET)).build().verify(token).getSubject()).contains("\uFFFD");

      assertThat(deniedReason(token)).isEqualTo(Reason.MALFORMED_TOKEN);
    }

    @Test
    void deniesOverlongUtf8Encoding() {
      // 0xC0 0xAF is an overlong '/', a classic filter bypass.
      byte[] payload = ("{\"sub\":\"a..b\",\"exp\":" + FAR_FUTURE + "}").getBytes(StandardCharsets.UTF_8);
      payload[9] = (byte) 0xC0;
      payload[10] = (byte) 0xAF;

      assertThat(deniedReason(signEncoded(b64(HS256_HEADER), b64(payload), SECRET)))
          .isEqualTo(Reason.MALFORMED_TOKEN);
    }

    @Test
    void deniesLoneSurrogateEscape() {
      assertThat(deniedReason(sign(HS256_HEADER, "{\"sub\":\"\\ud800\",\"exp\":" + FAR_FUTURE + "}")))
          .isEqualTo(Reason.MALFORMED_TOKEN);
    }

    @Test
    void deniesDeeplyNestedJson() {
      String nested = "[".repeat(200) + "]".repeat(200);

      assertThat(deniedReason(sign(HS256_HEADER, claims("\"deep\":" + nested)))).isEqualTo(Reason.MALFORMED_TOKEN);
    }
  }

  /** RFC 8725 sections 2.1 and 3.1: the algorithm comes from configuration, never from the token. */
  @Nested
  class Algorithms {

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"alg\":\"none\"}", "{\"alg\":\"None\"}", "{\"alg\":\"NONE\"}", "{\"alg\":\"nOnE\"}",
        "{\"alg\":\"hs256\"}", "{\"alg\":\"HS256 \"}", "{\"alg\":\"HS256\\u0000\"}", "{\"alg\":\"\uFF28\uFF33256\"}",
        "{\"alg\":\"HS384\"}", "{\"alg\":\"HS512\"}", "{\"alg\":\"RS256\"}", "{\"alg\":\"ES256\"}",
        "{\"alg\":\"PS256\"}", "{\"alg\":\"EdDSA\"}", "{\"alg\":\"\"}", "{\"alg\":null}", "{\"alg\":[\"HS256\"]}",
        "{\"alg\":{\"name\":\"HS256\"}}", "{\"typ\":\"JWT\"}"})
    void deniesEveryAlgorithmButExactlyHs256EvenWithAValidMac(String header) {
      assertThat(deniedReason(sign(header, claims("")))).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void judgesTheAlgorithmBeforeTheClaims() {
      String header = "{\"alg\":\"none\"}";

      assertThat(deniedReason(sign(header, "{\"sub\":\"alice\",\"exp\":\"tomorrow\"}")))
          .isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void deniesUnsecuredTokenWithAnyFakeSignature() {
      String token = b64("{\"alg\":\"none\"}") + "." + b64(claims("")) + "." + b64("x");

      assertThat(deniedReason(token)).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void deniesHs512TokenSignedWithTheRightKey() {
      String header = b64("{\"alg\":\"HS512\"}");
      String payload = b64(claims(""));
      byte[] mac = Algorithm.HMAC512(SECRET).sign(header.getBytes(StandardCharsets.US_ASCII),
          payload.getBytes(StandardCharsets.US_ASCII));

      assertThat(deniedReason(header + "." + payload + "." + b64(mac))).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void deniesKeyConfusionRs256HeaderHmacSignedWithAPublicKey() {
      // CVE-2015-9235 style: the attacker uses a public key as the HMAC secret and says RS256.
      String publicKeyPem = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----";

      assertThat(deniedReason(sign("{\"alg\":\"RS256\"}", claims(""), publicKeyPem)))
          .isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"alg\":\"HS256\",\"crit\":[\"exp\"]}", "{\"alg\":\"HS256\",\"crit\":[]}",
        "{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}", "{\"alg\":\"HS256\",\"b64\":true}",
        "{\"alg\":\"HS256\",\"cty\":\"JWT\"}", "{\"alg\":\"HS256\",\"cty\":\"jwt\"}",
        "{\"alg\":\"HS256\",\"zip\":\"DEF\"}", "{\"alg\":\"HS256\",\"enc\":\"A128GCM\"}"})
    void deniesHeaderParametersThatChangeHowTheTokenIsRead(String header) {
      assertThat(deniedReason(sign(header, claims("")))).isEqualTo(Reason.UNSUPPORTED_HEADER);
    }

    @Test
    void ignoresEmbeddedJwkSoASelfSignedTokenFails() {
      // CVE-2018-0114 style: the token brings its own key and is signed with it.
      String attackerKey = "attacker-chosen-key-attacker-chosen-key-0123";
      String header = "{\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\"" + b64(attackerKey) + "\"}}";

      assertThat(deniedReason(sign(header, claims(""), attackerKey))).isEqualTo(Reason.INVALID_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jku", "x5u"})
    void ignoresKeyUrlsInHeader(String parameter) {
      String header = "{\"alg\":\"HS256\",\"" + parameter + "\":\"https://attacker.example/keys\"}";

      assertThat(allowed(sign(header, claims(""))).principal()).isEqualTo("alice");
      assertThat(deniedReason(sign(header, claims(""), OTHER_SECRET))).isEqualTo(Reason.INVALID_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../../../../../dev/null", "' OR '1'='1", "| rm -rf /", "\\n{\\\"decision\\\":\\\"allow\\\"}", ""})
    void ignoresKidWithSingleKeyWhateverItSays(String kid) {
      String header = "{\"alg\":\"HS256\",\"kid\":\"" + kid + "\"}";

      assertThat(allowed(sign(header, claims(""))).principal()).isEqualTo("alice");
      assertThat(deniedReason(sign(header, claims(""), OTHER_SECRET))).isEqualTo(Reason.INVALID_SIGNATURE);
    }

    @Test
    void deniesKidThatIsNotAString() {
      assertThat(deniedReason(sign("{\"alg\":\"HS256\",\"kid\":{\"path\":\"/\"}}", claims(""))))
          .isEqualTo(Reason.MALFORMED_TOKEN);
    }

    @Test
    void shortensLongKidInVerdict() {
      String kid = "k".repeat(500);

      assertThat(allowed(sign("{\"alg\":\"HS256\",\"kid\":\"" + kid + "\"}", claims(""))).kid())
          .hasValue("k".repeat(TokenVerifier.MAX_KID_LENGTH));
    }
  }

  @Nested
  class Signatures {

    @Test
    void deniesTokenSignedWithAnotherKey() {
      assertThat(deniedReason(sign(HS256_HEADER, claims(""), OTHER_SECRET))).isEqualTo(Reason.INVALID_SIGNATURE);
    }

    @Test
    void deniesAllZeroSignature() {
      // CVE-2022-21449 ("psychic signatures") had zero-valued ECDSA signatures pass; a zero MAC must not.
      String token = valid();
      String zeros = token.substring(0, token.lastIndexOf('.') + 1) + b64(new byte[32]);

      assertThat(deniedReason(zeros)).isEqualTo(Reason.INVALID_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 16, 31, 33, 64})
    void deniesSignatureOfTheWrongLength(int length) {
      String token = valid();
      byte[] mac = Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
      byte[] resized = java.util.Arrays.copyOf(mac, length);

      assertThat(deniedReason(token.substring(0, token.lastIndexOf('.') + 1) + b64(resized)))
          .isEqualTo(Reason.INVALID_SIGNATURE);
    }

    @Test
    void deniesPayloadSwappedUnderAValidSignature() {
      String token = valid();
      String[] parts = token.split("\\.");
      String forged = parts[0] + "." + b64("{\"sub\":\"admin\",\"exp\":" + FAR_FUTURE + "}") + "." + parts[2];

      assertThat(deniedReason(forged)).isEqualTo(Reason.INVALID_SIGNATURE);
    }

    @Test
    void deniesForgedTokenAsInvalidSignatureWhateverItsClaimsSay() {
      String expiredForgery = sign(HS256_HEADER, "{\"sub\":\"admin\",\"exp\":1}", OTHER_SECRET);

      assertThat(deniedReason(expiredForgery)).isEqualTo(Reason.INVALID_SIGNATURE);
    }

    @Test
    void usesSecretBytesExactlyNeverTrimmed() {
      String spaced = SECRET + " ";
      TokenVerifier exact = TokenVerifier.create(config(EnvironmentConfig.JWT_SECRET, spaced),
          KeySource.of(HmacKey.fromSecret(spaced)), TestTokens.CLOCK);

      assertThat(allowed(exact, sign(HS256_HEADER, claims(""), spaced)).principal()).isEqualTo("alice");
      assertThat(deniedReason(exact, sign(HS256_HEADER, claims(""), SECRET))).isEqualTo(Reason.INVALID_SIGNATURE);
    }
  }

  /** DESIGN section 3: exp required and numeric, nbf/iat numeric, leeway, maximum age, iss/aud exact. */
  @Nested
  class Claims {

    @Test
    void deniesTokenWithoutExpWhichJavaJwtAccepts() {
      String token = sign(HS256_HEADER, "{\"sub\":\"alice\"}");
      assertThat(JWT.require(Algorithm.HMAC256(SECRET)).build().verify(token)).isNotNull();

      assertThat(deniedReason(token)).isEqualTo(Reason.MISSING_CLAIM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "\"4102444800\"", "true", "[4102444800]", "{\"t\":4102444800}", "-1",
        "1e300", "253402300800", "9223372036854775807", "99999999999999999999", "-0.5", "4102444800e10"})
    void deniesExpThatIsNotANumericDate(String exp) {
      assertThat(deniedReason(sign(HS256_HEADER, "{\"sub\":\"alice\",\"exp\":" + exp + "}")))
          .isEqualTo(Reason.INVALID_CLAIM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nbf", "iat"})
    void deniesOtherDatesThatAreNotNumeric(String claim) {
      assertThat(deniedReason(sign(HS256_HEADER, claims("\"" + claim + "\":\"0\"")))).isEqualTo(Reason.INVALID_CLAIM);
    }

    @Test
    void allowsFractionalExpAsRfc7519Permits() {
      assertThat(allowed(sign(HS256_HEADER, "{\"sub\":\"alice\",\"exp\":4102444800.5}")).principal())
          .isEqualTo("alice");
    }

    @Test
    void deniesExpiredToken() {
      String token = sign(HS256_HEADER, "{\"sub\":\"alice\",\"exp\":" + (NOW_SECONDS - 61) + "}");

      assertThat(deniedReason(token)).isEqualTo(Reason.TOKEN_EXPIRED);
    }

    @Test
    void allowsTokenExpiredWithinTheDefaultLeeway() {
      String token = sign(HS256_HEADER, "{\"sub\":\"alice\",\"exp\":" + (NOW_SECONDS - 59) + "}");

      assertThat(allowed(token).principal()).isEqualTo("alice");
    }

    @Test
    void honoursConfiguredLeeway() {
      TokenVerifier strict = verifier(EnvironmentConfig.JWT_LEEWAY_SECONDS, "0");
      String token = sign(HS256_HEADER, "{\"sub\":\"alice\",\"exp\":" + (NOW_SECONDS - 1) + "}");

      assertThat(deniedReason(strict, token)).isEqualTo(Reason.TOKEN_EXPIRED);
    }

    @Test
    void deniesTokenNotYetValid() {
      assertThat(deniedReason(sign(HS256_HEADER, claims("\"nbf\":" + (NOW_SECONDS + 61)))))
          .isEqualTo(Reason.TOKEN_NOT_YET_VALID);
    }

    @Test
    void allowsNbfWithinLeeway() {
      assertThat(allowed(sign(HS256_HEADER, claims("\"nbf\":" + (NOW_SECONDS + 59)))).principal())
          .isEqualTo("alice");
    }

    @Test
    void deniesTokenIssuedInTheFuture() {
      assertThat(deniedReason(sign(HS256_HEADER, claims("\"iat\":" + (NOW_SECONDS + 3600)))))
          .isEqualTo(Reason.TOKEN_NOT_YET_VALID);
    }

    @Test
    void deniesTokenOlderThanMaxAge() {
      TokenVerifier bounded = verifier(EnvironmentConfig.JWT_MAX_TOKEN_AGE_SECONDS, "3600");

      assertThat(deniedReason(bounded, sign(HS256_HEADER, claims("\"iat\":" + (NOW_SECONDS - 3661)))))
          .isEqualTo(Reason.TOKEN_TOO_OLD);
      assertThat(allowed(bounded, sign(HS256_HEADER, claims("\"iat\":" + (NOW_SECONDS - 3600)))).principal())
          .isEqualTo("alice");
    }

    @Test
    void allowsATokenExactlyAsOldAsMaxAgePlusLeeway() {
      TokenVerifier bounded = verifier(EnvironmentConfig.JWT_MAX_TOKEN_AGE_SECONDS, "3600");

      assertThat(allowed(bounded, sign(HS256_HEADER, claims("\"iat\":" + (NOW_SECONDS - 3660)))).principal())
          .isEqualTo("alice");
    }

    @Test
    void requiresIatWhenMaxAgeIsSet() {
      TokenVerifier bounded = verifier(EnvironmentConfig.JWT_MAX_TOKEN_AGE_SECONDS, "3600");

      assertThat(deniedReason(bounded, sign(HS256_HEADER, claims("")))).isEqualTo(Reason.MISSING_CLAIM);
    }

    @Test
    void checksIssuerExactly() {
      TokenVerifier withIssuer = verifier(EnvironmentConfig.JWT_ISSUER, "https://issuer.example");

      assertThat(allowed(withIssuer, sign(HS256_HEADER, claims("\"iss\":\"https://issuer.example\""))).principal())
          .isEqualTo("alice");
      assertThat(deniedReason(withIssuer, sign(HS256_HEADER, claims("\"iss\":\"https://issuer.example/\""))))
          .isEqualTo(Reason.INVALID_CLAIM);
      assertThat(deniedReason(withIssuer, sign(HS256_HEADER, claims("\"iss\":\"HTTPS://ISSUER.EXAMPLE\""))))
          .isEqualTo(Reason.INVALID_CLAIM);
      assertThat(deniedReason(withIssuer, sign(HS256_HEADER, claims("\"iss\":[\"https://issuer.example\"]"))))
          .isEqualTo(Reason.INVALID_CLAIM);
      assertThat(deniedReason(withIssuer, sign(HS256_HEADER, claims("")))).isEqualTo(Reason.MISSING_CLAIM);
    }

    @Test
    void checksAudienceAsStringOrArrayElement() {
      TokenVerifier withAudience = verifier(EnvironmentConfig.JWT_AUDIENCE, "hello-api");

      assertThat(allowed(withAudience, sign(HS256_HEADER, claims("\"aud\":\"hello-api\""))).principal())
          .isEqualTo("alice");
      assertThat(allowed(withAudience, sign(HS256_HEADER, claims("\"aud\":[\"other\",\"hello-api\"]"))).principal())
          .isEqualTo("alice");
      assertThat(deniedReason(withAudience, sign(HS256_HEADER, claims("\"aud\":[\"other\"]"))))
          .isEqualTo(Reason.INVALID_CLAIM);
      assertThat(deniedReason(withAudience, sign(HS256_HEADER, claims("\"aud\":\"hello-api2\""))))
          .isEqualTo(Reason.INVALID_CLAIM);
      assertThat(deniedReason(withAudience, sign(HS256_HEADER, claims("")))).isEqualTo(Reason.MISSING_CLAIM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"aud\":[]", "\"aud\":[1]", "\"aud\":{\"a\":1}", "\"aud\":[\"a\",null]", "\"iss\":42",
        "\"jti\":{}", "\"sub\":42", "\"sub\":[\"alice\"]"})
    void deniesRegisteredClaimsOfTheWrongType(String claim) {
      String payload = "{" + claim + ",\"userId\":\"fallback\",\"exp\":" + FAR_FUTURE + "}";

      assertThat(deniedReason(sign(HS256_HEADER, payload))).isEqualTo(Reason.INVALID_CLAIM);
    }
  }

  @Nested
  class Principals {

    @Test
    void fallsBackToUserIdLikeTheSeedArticlesTokens() {
      assertThat(allowed(sign(HS256_HEADER, "{\"userId\":123,\"exp\":" + FAR_FUTURE + "}")).principal())
          .isEqualTo("123");
    }

    @Test
    void deniesTokenWithNoPrincipalClaim() {
      assertThat(deniedReason(sign(HS256_HEADER, "{\"name\":\"alice\",\"exp\":" + FAR_FUTURE + "}")))
          .isEqualTo(Reason.MISSING_CLAIM);
    }

    @Test
    void usesConfiguredPrincipalClaimsInOrder() {
      TokenVerifier byEmail = verifier(EnvironmentConfig.PRINCIPAL_CLAIM, "email,sub");

      assertThat(allowed(byEmail, sign(HS256_HEADER, claims("\"email\":\"a@example.com\""))).principal())
          .isEqualTo("a@example.com");
      assertThat(allowed(byEmail, sign(HS256_HEADER, claims(""))).principal()).isEqualTo("alice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"  \"", "\"alice\\nadmin\"", "\"alice\\u0000\"", "true", "1.5", "{\"id\":1}",
        "[1]"})
    void deniesPrincipalThatIsNotAPlainIdentifier(String value) {
      String token = sign(HS256_HEADER, "{\"userId\":" + value + ",\"exp\":" + FAR_FUTURE + "}");

      assertThat(deniedReason(token)).isEqualTo(Reason.INVALID_CLAIM);
    }

    @Test
    void keepsLookalikeCharactersInsteadOfNormalizingThem() {
      // Cyrillic "а" looks like Latin "a": the principal must stay distinct from "alice".
      String lookalike = "\u0430lice";

      assertThat(allowed(sign(HS256_HEADER, "{\"sub\":\"" + lookalike + "\",\"exp\":" + FAR_FUTURE + "}"))
          .principal()).isEqualTo(lookalike).isNotEqualTo("alice");
    }

    @Test
    void deniesOverlongPrincipal() {
      String sub = "a".repeat(ClaimRules.MAX_PRINCIPAL_LENGTH + 1);

      assertThat(deniedReason(sign(HS256_HEADER, "{\"sub\":\"" + sub + "\",\"exp\":" + FAR_FUTURE + "}")))
          .isEqualTo(Reason.INVALID_CLAIM);
    }

    @Test
    void deniesOverlongNumericPrincipalLikeAnOverlongString() {
      String userId = "9".repeat(1000);

      assertThat(deniedReason(sign(HS256_HEADER, "{\"userId\":" + userId + ",\"exp\":" + FAR_FUTURE + "}")))
          .isEqualTo(Reason.INVALID_CLAIM);
    }

    @Test
    void allowsNumericPrincipalOfExactlyTheMaximumLength() {
      String userId = "9".repeat(ClaimRules.MAX_PRINCIPAL_LENGTH);

      assertThat(allowed(sign(HS256_HEADER, "{\"userId\":" + userId + ",\"exp\":" + FAR_FUTURE + "}")).principal())
          .isEqualTo(userId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice\\r\\nadmin", "\\u001b[2Jalice", "\\u202eecila", "alice\\u2066", "alice\\u2028"})
    void deniesPrincipalWithControlOrBidiCharacters(String escaped) {
      String token = sign(HS256_HEADER, "{\"sub\":\"" + escaped + "\",\"exp\":" + FAR_FUTURE + "}");

      assertThat(deniedReason(token)).isEqualTo(Reason.INVALID_CLAIM);
    }
  }

  @Nested
  class UsageIdentifiers {

    private static final String KEY = "clientKey0123456789abcdefABCDEF";
    private final TokenVerifier metered = verifier(EnvironmentConfig.USAGE_IDENTIFIER_CLAIM, "api_key");

    @Test
    void allowsATokenWithAValidUsageIdentifierAndCarriesItInTheVerdict() {
      Verdict.Allowed verdict = allowed(metered, sign(HS256_HEADER, claims("\"api_key\":\"" + KEY + "\"")));

      assertThat(verdict.usageIdentifierKey()).contains(KEY);
      assertThat(verdict.principal()).isEqualTo("alice");
      assertThat(verdict.context()).doesNotContainKey("api_key");
    }

    @Test
    void deniesATokenWithoutTheUsageIdentifierClaim() {
      assertThat(deniedReason(metered, sign(HS256_HEADER, claims("")))).isEqualTo(Reason.MISSING_USAGE_IDENTIFIER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "12345678901234567890123", "true", "[\"clientKey0123456789abcdef\"]",
        "{\"value\":\"clientKey0123456789abcdef\"}", "\"\"", "\"short\"", "\"clientKey-0123456789abcdef\"",
        "\"clientKey0123456789abcdef\\n\"", "\"clientKey0123456789abcdef\\u202e\""})
    void deniesAUsageIdentifierThatIsNotAnApiKeyValue(String json) {
      assertThat(deniedReason(metered, sign(HS256_HEADER, claims("\"api_key\":" + json))))
          .isEqualTo(Reason.INVALID_USAGE_IDENTIFIER);
    }

    @Test
    void deniesAUsageIdentifierOneCharacterTooShortOrTooLongAndAllowsTheBoundaries() {
      String shortest = "k".repeat(ClaimRules.MIN_USAGE_IDENTIFIER_LENGTH);
      String longest = "k".repeat(ClaimRules.MAX_USAGE_IDENTIFIER_LENGTH);

      assertThat(allowed(metered, sign(HS256_HEADER, claims("\"api_key\":\"" + shortest + "\"")))
          .usageIdentifierKey()).contains(shortest);
      assertThat(allowed(metered, sign(HS256_HEADER, claims("\"api_key\":\"" + longest + "\"")))
          .usageIdentifierKey()).contains(longest);
      assertThat(deniedReason(metered, sign(HS256_HEADER, claims("\"api_key\":\"" + shortest.substring(1) + "\""))))
          .isEqualTo(Reason.INVALID_USAGE_IDENTIFIER);
      assertThat(deniedReason(metered, sign(HS256_HEADER, claims("\"api_key\":\"" + longest + "k\""))))
          .isEqualTo(Reason.INVALID_USAGE_IDENTIFIER);
    }

    @Test
    void checksThePrincipalBeforeTheUsageIdentifier() {
      String token = sign(HS256_HEADER, "{\"exp\":" + FAR_FUTURE + "}");

      assertThat(deniedReason(metered, token)).isEqualTo(Reason.MISSING_CLAIM);
    }

    @Test
    void checksTheSignatureBeforeTheUsageIdentifier() {
      assertThat(deniedReason(metered, sign(HS256_HEADER, claims(""), OTHER_SECRET)))
          .isEqualTo(Reason.INVALID_SIGNATURE);
    }

    @Test
    void carriesNoUsageIdentifierAndIgnoresTheClaimWhenTheSettingIsOff() {
      Verdict.Allowed verdict = allowed(sign(HS256_HEADER, claims("\"api_key\":\"not a key\"")));

      assertThat(verdict.usageIdentifierKey()).isEmpty();
      assertThat(allowed(valid()).usageIdentifierKey()).isEmpty();
    }
  }

  @Nested
  class Context {

    @Test
    void leavesOutContextValuesWithControlOrBidiCharactersButAllowsTheToken() {
      TokenVerifier verifier = verifier(EnvironmentConfig.CONTEXT_CLAIMS, "sub,crlf,nul,esc,bidi,scope,tags");
      String payload = claims("\"crlf\":\"a\\r\\nX-Admin: true\",\"nul\":\"a\\u0000\",\"esc\":\"\\u001b[31m\","
          + "\"bidi\":\"\\u202egnp.exe\",\"scope\":[\"read\",\"write\\nadmin\"],\"tags\":[\"a\",\"b\"]");

      assertThat(allowed(verifier, sign(HS256_HEADER, payload)).context())
          .containsExactlyInAnyOrderEntriesOf(Map.of("sub", "alice", "tags", "a b"));
    }

    @Test
    void passesFlatValuesJoinsArraysAndSkipsTheRest() {
      TokenVerifier verifier = verifier(EnvironmentConfig.CONTEXT_CLAIMS,
          "sub,scope,admin,level,ratio,big,profile,nothing,mixed,absent");
      String payload = claims("\"scope\":[\"read\",\"write\"],\"admin\":false,\"level\":3,\"ratio\":0.5,"
          + "\"big\":123456789012345678901234567890,\"profile\":{\"a\":1},\"nothing\":null,\"mixed\":[\"a\",{}]");

      assertThat(allowed(verifier, sign(HS256_HEADER, payload)).context()).containsExactlyInAnyOrderEntriesOf(Map.of(
          "sub", "alice", "scope", "read write", "admin", false, "level", 3L, "ratio", 0.5,
          "big", "123456789012345678901234567890"));
    }

    @Test
    void allowsEmptyContextWhenNoClaimsAreForwarded() {
      TokenVerifier verifier = verifier(EnvironmentConfig.CONTEXT_CLAIMS, "");

      assertThat(allowed(verifier, valid()).context()).isEmpty();
    }
  }

  @Nested
  class Keys {

    private final HmacKey current = HmacKey.fromSecret(SECRET);
    private final HmacKey previous = HmacKey.fromSecret(OTHER_SECRET);
    private final TokenVerifier rotating = TokenVerifier.create(config(),
        () -> List.of(current, previous), TestTokens.CLOCK);

    @Test
    void triesEveryKeyWhenKidIsAbsentOrUnknown() {
      assertThat(allowed(rotating, sign(HS256_HEADER, claims(""), OTHER_SECRET)).principal()).isEqualTo("alice");
      assertThat(allowed(rotating, sign("{\"alg\":\"HS256\",\"kid\":\"unknown\"}", claims(""), OTHER_SECRET))
          .kid()).hasValue("unknown");
    }

    @Test
    void triesOnlyTheKeyThatKidNames() {
      String header = "{\"alg\":\"HS256\",\"kid\":\"" + current.thumbprint() + "\"}";

      assertThat(allowed(rotating, sign(header, claims(""), SECRET)).principal()).isEqualTo("alice");
      assertThat(deniedReason(rotating, sign(header, claims(""), OTHER_SECRET))).isEqualTo(Reason.INVALID_SIGNATURE);
    }

    @Test
    void verifiesWithAKeyTheSourceHandsOutAfterInit() {
      List<HmacKey> keys = new CopyOnWriteArrayList<>(List.of(current));
      TokenVerifier verifier = TokenVerifier.create(config(), () -> List.copyOf(keys), TestTokens.CLOCK);
      keys.set(0, previous);

      assertThat(allowed(verifier, sign(HS256_HEADER, claims(""), OTHER_SECRET)).principal()).isEqualTo("alice");
      assertThat(deniedReason(verifier, valid())).isEqualTo(Reason.INVALID_SIGNATURE);
    }

    @Test
    void deniesInsteadOfThrowingWhenTheKeySourceFails() {
      AtomicBoolean failing = new AtomicBoolean();
      TokenVerifier verifier = TokenVerifier.create(config(), () -> {
        if (failing.get()) {
          throw new IllegalStateException("key store down");
        }
        return List.of(current);
      }, TestTokens.CLOCK);
      failing.set(true);

      assertThat(verifier.verify(valid())).isEqualTo(new Verdict.Denied(Reason.MALFORMED_TOKEN, Optional.empty()));
    }

    @Test
    void deniesUnknownKeyWhenKidNamesNoKeyAndNoKeyVerifies() {
      String forged = sign("{\"alg\":\"HS256\",\"kid\":\"retired\"}", claims(""), "a-retired-key-that-is-long-enough-0123");

      assertThat(deniedReason(rotating, forged)).isEqualTo(Reason.UNKNOWN_KEY);
      assertThat(deniedReason(rotating, sign(HS256_HEADER, claims(""), "a-retired-key-that-is-long-enough-0123")))
          .as("without kid").isEqualTo(Reason.INVALID_SIGNATURE);
    }

    @Test
    void letsTheSourceRefreshOnAnUnknownKidAndUsesTheKeyItLearns() {
      HmacKey rotatedIn = HmacKey.fromSecret("a-key-rotated-in-a-moment-ago-0123456789");
      AtomicInteger refreshes = new AtomicInteger();
      KeySource source = new KeySource() {
        @Override
        public List<HmacKey> currentKeys() {
          return refreshes.get() == 0 ? List.of(current) : List.of(rotatedIn, current);
        }

        @Override
        public List<HmacKey> keysForUnknownKid() {
          refreshes.incrementAndGet();
          return currentKeys();
        }
      };
      TokenVerifier verifier = TokenVerifier.create(config(), source, TestTokens.CLOCK);
      String header = "{\"alg\":\"HS256\",\"kid\":\"" + rotatedIn.thumbprint() + "\"}";

      assertThat(allowed(verifier, sign(header, claims(""), "a-key-rotated-in-a-moment-ago-0123456789")).principal())
          .isEqualTo("alice");
      assertThat(refreshes).hasValue(1);
      assertThat(deniedReason(verifier, sign(header, claims(""), SECRET))).as("kid selects that key alone")
          .isEqualTo(Reason.INVALID_SIGNATURE);
    }

    @Test
    void ignoresKidWithTheOneStaticKey() {
      assertThat(deniedReason(verifier(), sign("{\"alg\":\"HS256\",\"kid\":\"x\"}", claims(""),
          OTHER_SECRET))).isEqualTo(Reason.INVALID_SIGNATURE);
    }

    @Test
    void deniesWhenNoKeyIsAvailable() {
      TokenVerifier keyless = TokenVerifier.create(config(), List::of, TestTokens.CLOCK);

      assertThat(deniedReason(keyless, valid())).isEqualTo(Reason.KEY_UNAVAILABLE);
    }
  }

  @Test
  void denialCarriesKidForLogs() {
    Verdict verdict = verifier.verify(sign("{\"alg\":\"HS256\",\"kid\":\"k1\"}", claims(""), OTHER_SECRET));

    assertThat(verdict).isEqualTo(new Verdict.Denied(Reason.INVALID_SIGNATURE, Optional.of("k1")));
  }

  /** A verifier with the test key and the default configuration changed by {@code overrides} (name, value...). */
  static TokenVerifier verifier(String... overrides) {
    return TokenVerifier.create(config(overrides), KeySource.of(HmacKey.fromSecret(SECRET)), TestTokens.CLOCK);
  }

  static AuthorizerConfig config(String... overrides) {
    return EnvironmentConfig.read(TestTokens.env(overrides));
  }
}
