package dev.tokengate.authorizer;

import static dev.tokengate.testing.TestTokens.NOW_SECONDS;
import static dev.tokengate.testing.TestTokens.SECRET;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokengate.core.config.AuthorizerConfig;
import dev.tokengate.core.config.EnvironmentConfig;
import dev.tokengate.core.jws.StrictJws;
import dev.tokengate.core.verify.ClaimRules;
import dev.tokengate.core.verify.HeaderRules;
import dev.tokengate.core.verify.HmacKey;
import dev.tokengate.core.verify.KeySource;
import dev.tokengate.core.verify.TokenVerifier;
import dev.tokengate.testing.TestTokens;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The fuzz tests' oracle: the rules a token must meet to be allowed (docs/reference/reasons.md),
 * written out plainly with the JDK's HMAC and a plain Jackson tree, sharing no code with {@link TokenVerifier},
 * {@link StrictJws}, {@link HeaderRules} or {@link ClaimRules}. It judges only Allows: an Allow that breaks a
 * rule here is a security bug, while a Deny it would have allowed is at most a strict verifier.
 */
final class TokenRules {

  private static final byte[] KEY = SECRET.getBytes(StandardCharsets.UTF_8);
  private static final ObjectMapper STRICT = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final List<String> REFUSED_HEADERS = List.of("crit", "b64", "cty", "zip", "enc");
  private static final Set<Integer> BIDI_CONTROLS = Set.of(
      0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069);
  private static final BigDecimal MAX_NUMERIC_DATE = BigDecimal.valueOf(253_402_300_799L);

  /**
   * One configuration of the verifier, and the values the rules read from it.
   *
   * @param name for failure messages
   * @param verifier the verifier built from that configuration with the test key and clock
   * @param leeway {@code JWT_LEEWAY_SECONDS}
   * @param issuer {@code JWT_ISSUER}
   * @param audience {@code JWT_AUDIENCE}
   * @param maxAge {@code JWT_MAX_TOKEN_AGE_SECONDS}
   * @param principalClaims {@code PRINCIPAL_CLAIM}
   */
  record Profile(String name, TokenVerifier verifier, long leeway, Optional<String> issuer,
      Optional<String> audience, Optional<Long> maxAge, List<String> principalClaims) {}

  /** The defaults; every check switched on with no leeway; the widest leeway with another principal claim. */
  static final List<Profile> PROFILES = List.of(
      new Profile("defaults", verifier(), 60, Optional.empty(), Optional.empty(), Optional.empty(),
          List.of("sub", "userId")),
      new Profile("strict", verifier(
          EnvironmentConfig.JWT_ISSUER, "https://issuer.example",
          EnvironmentConfig.JWT_AUDIENCE, "tokengate-api",
          EnvironmentConfig.JWT_LEEWAY_SECONDS, "0",
          EnvironmentConfig.JWT_MAX_TOKEN_AGE_SECONDS, "3600",
          EnvironmentConfig.PRINCIPAL_CLAIM, "userId,sub"),
          0, Optional.of("https://issuer.example"), Optional.of("tokengate-api"), Optional.of(3600L),
          List.of("userId", "sub")),
      new Profile("lenient", verifier(
          EnvironmentConfig.JWT_LEEWAY_SECONDS, "300",
          EnvironmentConfig.PRINCIPAL_CLAIM, "email",
          EnvironmentConfig.CONTEXT_CLAIMS, "email,scope"),
          300, Optional.empty(), Optional.empty(), Optional.empty(), List.of("email")));

  private TokenRules() {}

  /** A compact JWS of the exact header and payload bytes, with the key's HMAC-SHA256. */
  static String signWithTheKey(byte[] header, byte[] payload) {
    String signingInput = b64(header) + "." + b64(payload);
    return signingInput + "." + b64(hmac(signingInput.getBytes(StandardCharsets.US_ASCII)));
  }

  /**
   * Whether a header value is {@code Bearer <header>.<payload>.<signature>} whose signature is the key's HMAC of
   * {@code <header>.<payload>}. Lenient on purpose (any scheme case, padded or non-canonical base64url): it must
   * say yes to everything the key signed, so that an Allow it says no to is certainly forged.
   */
  static boolean isBearerSignedWithTheKey(String headerValue) {
    if (headerValue == null || headerValue.length() < 7 || !headerValue.substring(0, 7).equalsIgnoreCase("Bearer ")) {
      return false;
    }
    String[] parts = headerValue.substring(7).split("\\.", -1);
    if (parts.length != 3) {
      return false;
    }
    byte[] signature;
    try {
      signature = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] expected = hmac((parts[0] + "." + parts[1]).getBytes(StandardCharsets.UTF_8));
    return MessageDigest.isEqual(expected, signature);
  }

  /** The first rule the token breaks under the profile, or empty when it meets them all. */
  static Optional<String> brokenRule(Profile profile, byte[] headerBytes, byte[] payloadBytes) {
    Optional<ObjectNode> header = strictObject(headerBytes);
    Optional<ObjectNode> payload = strictObject(payloadBytes);
    if (header.isEmpty() || payload.isEmpty()) {
      return Optional.of("header and payload must each be one UTF-8 JSON object without duplicate names");
    }
    JsonNode alg = header.get().get("alg");
    if (alg == null || !alg.isTextual() || !alg.textValue().equals("HS256")) {
      return Optional.of("alg must be exactly HS256");
    }
    for (String name : REFUSED_HEADERS) {
      if (header.get().has(name)) {
        return Optional.of("the header must not carry " + name);
      }
    }
    return brokenClaimRule(profile, payload.get());
  }

  private static Optional<String> brokenClaimRule(Profile profile, ObjectNode payload) {
    long earliest = NOW_SECONDS - profile.leeway();
    long latest = NOW_SECONDS + profile.leeway();
    Optional<BigDecimal> exp = date(payload, "exp");
    if (exp.isEmpty() || exp.get().compareTo(BigDecimal.valueOf(earliest)) <= 0) {
      return Optional.of("exp must be a date after now - leeway");
    }
    for (String name : List.of("nbf", "iat")) {
      if (payload.has(name) && date(payload, name).filter(date -> wholeSeconds(date) <= latest).isEmpty()) {
        return Optional.of(name + " must be a date no later than now + leeway");
      }
    }
    if (profile.maxAge().isPresent() && date(payload, "iat")
        .filter(iat -> NOW_SECONDS - wholeSeconds(iat) <= profile.maxAge().get() + profile.leeway()).isEmpty()) {
      return Optional.of("iat must be present and no older than the maximum age + leeway");
    }
    if (profile.issuer().isPresent() && !profile.issuer().get().equals(text(payload.get("iss")))) {
      return Optional.of("iss must equal the configured issuer");
    }
    if (profile.audience().isPresent() && !hasAudience(payload.get("aud"), profile.audience().get())) {
      return Optional.of("aud must name the configured audience");
    }
    if (expectedPrincipal(profile, payload) == null) {
      return Optional.of("the principal claim must be a usable identifier");
    }
    return Optional.empty();
  }

  /** The principal an Allow must carry, or null when the payload has no usable one. */
  static String expectedPrincipal(Profile profile, byte[] payloadBytes) {
    return strictObject(payloadBytes).map(payload -> expectedPrincipal(profile, payload)).orElse(null);
  }

  private static String expectedPrincipal(Profile profile, ObjectNode payload) {
    JsonNode value = profile.principalClaims().stream()
        .map(payload::get)
        .filter(claim -> claim != null && !claim.isNull())
        .findFirst()
        .orElse(null);
    if (value == null) {
      return null;
    }
    // The same limits for every type: a number is judged by the text it becomes.
    String text = value.isIntegralNumber() ? value.bigIntegerValue().toString() : text(value);
    boolean usable = text != null && !text.isBlank() && text.length() <= 256 && isPlainText(text);
    return usable ? text : null;
  }

  /**
   * No control character, line or paragraph separator, or bidirectional formatting character (Unicode's
   * Bidi_Control set): what the verifier must keep out of a principal and out of context values.
   */
  static boolean isPlainText(String text) {
    return text.codePoints().noneMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029
        || BIDI_CONTROLS.contains(c));
  }

  /** A NumericDate: a JSON number of seconds from 0 to the end of year 9999. */
  private static Optional<BigDecimal> date(ObjectNode payload, String name) {
    JsonNode value = payload.get(name);
    if (value == null || !value.isNumber() || !Double.isFinite(value.doubleValue())) {
      return Optional.empty();
    }
    BigDecimal seconds = value.decimalValue();
    return seconds.signum() >= 0 && seconds.compareTo(MAX_NUMERIC_DATE) <= 0 ? Optional.of(seconds)
        : Optional.empty();
  }

  /** java-jwt compares dates in whole seconds, so a fraction of a second past a bound still counts as within. */
  private static long wholeSeconds(BigDecimal seconds) {
    return seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
  }

  private static boolean hasAudience(JsonNode aud, String wanted) {
    if (aud != null && aud.isArray()) {
      for (JsonNode element : aud) {
        if (wanted.equals(text(element))) {
          return true;
        }
      }
      return false;
    }
    return wanted.equals(text(aud));
  }

  private static String text(JsonNode value) {
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  /** Strict UTF-8 (decoding and re-encoding gives back the same bytes), then exactly one JSON object. */
  private static Optional<ObjectNode> strictObject(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes)) {
      return Optional.empty();
    }
    try {
      JsonNode node = STRICT.readTree(text);
      return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static byte[] hmac(byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform must provide HmacSHA256", e);
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A verifier with the test key and the default configuration changed by {@code overrides} (name, value...). */
  static TokenVerifier verifier(String... overrides) {
    return TokenVerifier.create(config(overrides), KeySource.of(HmacKey.fromSecret(SECRET)), TestTokens.CLOCK);
  }

  static AuthorizerConfig config(String... overrides) {
    return EnvironmentConfig.read(TestTokens.env(overrides));
  }
}
