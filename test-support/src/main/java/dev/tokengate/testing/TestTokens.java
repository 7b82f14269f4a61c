package dev.tokengate.testing;


import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Tokens for tests, built from raw JSON so that tests can say exactly what a hostile token contains; the MAC is
 * java-jwt's. The key is the public test-only key of {@code events/authorizer/README.md}.
 */
public final class TestTokens {

  public static final String SECRET = "tokengate-test-only-secret-never-use-in-production";
  public static final String OTHER_SECRET = "some-other-key-that-is-not-the-test-key-at-all";
  /** 2026-03-01T00:00:00Z: after the fixtures' iat (2026-01-01), before their exp (2100-01-01). */
  public static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  public static final long NOW_SECONDS = NOW.getEpochSecond();
  public static final long FAR_FUTURE = 4_102_444_800L;
  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  public static final String HS256_HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
  public static final String METHOD_ARN = "arn:aws:execute-api:us-east-1:123456789012:abcdef1234/Prod/GET/hello";
  public static final String STAGE_ARN = "arn:aws:execute-api:us-east-1:123456789012:abcdef1234/Prod/*/*";

  private TestTokens() {}

  public static String b64(String text) {
    return b64(text.getBytes(StandardCharsets.UTF_8));
  }

  public static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Signs the exact header and payload JSON with the test key. */
  public static String sign(String headerJson, String payloadJson) {
    return signEncoded(b64(headerJson), b64(payloadJson), SECRET);
  }

  public static String sign(String headerJson, String payloadJson, String secret) {
    return signEncoded(b64(headerJson), b64(payloadJson), secret);
  }

  /** Signs already-encoded segments, so tests can sign segments that are not canonical base64url. */
  public static String signEncoded(String header, String payload, String secret) {
    Algorithm hmac = Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8));
    byte[] mac = hmac.sign(header.getBytes(StandardCharsets.US_ASCII), payload.getBytes(StandardCharsets.US_ASCII));
    return header + "." + payload + "." + b64(mac);
  }

  /** A valid token for alice, expiring in 2100. */
  public static String valid() {
    return sign(HS256_HEADER, "{\"sub\":\"alice\",\"iat\":" + (NOW_SECONDS - 60) + ",\"exp\":" + FAR_FUTURE + "}");
  }

  /** The environment of a default authorizer with the test key. */
  public static Map<String, String> env(String... overrides) {
    Map<String, String> env = new HashMap<>();
    env.put("JWT_SECRET", SECRET);
    for (int i = 0; i < overrides.length; i += 2) {
      if (overrides[i + 1] == null) {
        env.remove(overrides[i]);
      } else {
        env.put(overrides[i], overrides[i + 1]);
      }
    }
    return env;
  }

}
