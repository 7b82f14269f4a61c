package dev.tokengate.benchmarks;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.tokengate.authorizer.AuthorizerHandler;
import dev.tokengate.core.config.AuthorizerConfig;
import dev.tokengate.core.config.EnvironmentConfig;
import dev.tokengate.core.verify.HmacKey;
import dev.tokengate.core.verify.KeySource;
import dev.tokengate.core.verify.TokenVerifier;
import dev.tokengate.core.verify.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The authorizer's warm paths, in verifications (or invocations) per second on one thread: a valid token, the
 * three usual invalid ones, the whole handler from event bytes to policy bytes, and as the baseline the raw
 * HMAC-SHA256 of the same signing input with a {@link Mac} built once.
 *
 * <p>Forks run with Lambda's JVM flags by default; {@code benchmarks/warm.sh} also runs them with the JVM's
 * defaults. The key is random per run; tokens are signed in the setup, like the seed article's
 * ({@code userId}, {@code username}, {@code role}, one hour).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"})
public class AuthorizerBenchmark {

  private static final String METHOD_ARN = "arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/Prod/GET/hello";

  private TokenVerifier verifier;
  private AuthorizerHandler handler;
  private String valid;
  private String badSignature;
  private String expired;
  private String malformed;
  private byte[] event;
  private byte[] signingInput;
  private Mac mac;

  /** Builds the verifier, the handler and the tokens once. */
  @Setup
  public void setUp() throws GeneralSecurityException {
    byte[] keyBytes = new byte[48];
    new SecureRandom().nextBytes(keyBytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(keyBytes);
    Map<String, String> env = Map.of(EnvironmentConfig.JWT_SECRET, secret);
    AuthorizerConfig config = EnvironmentConfig.read(env);
    verifier = TokenVerifier.create(config, KeySource.of(HmacKey.fromSecret(secret)), Clock.systemUTC());
    handler = quietHandler(env);

    Algorithm hs256 = Algorithm.HMAC256(secret);
    Instant now = Instant.now();
    valid = seedToken(now.plusSeconds(3600), hs256);
    expired = seedToken(now.minusSeconds(3600), hs256);
    badSignature = valid.substring(0, valid.lastIndexOf('.') + 1)
        + seedToken(now.plusSeconds(3600), Algorithm.HMAC256(secret + "x")).substring(valid.lastIndexOf('.') + 1);
    malformed = valid.substring(0, valid.indexOf('.')) + ".not-json." + valid.substring(valid.lastIndexOf('.') + 1);
    event = ("{\"type\":\"TOKEN\",\"authorizationToken\":\"Bearer " + valid + "\",\"methodArn\":\"" + METHOD_ARN
        + "\"}").getBytes(StandardCharsets.UTF_8);

    signingInput = valid.substring(0, valid.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
    mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));

    requireVerdict(verifier.verify(valid), true);
    requireVerdict(verifier.verify(badSignature), false);
    requireVerdict(verifier.verify(expired), false);
    requireVerdict(verifier.verify(malformed), false);
  }

  /** The decision log goes to a null stream: the handler's log cost stays in, the console stays quiet. */
  private static AuthorizerHandler quietHandler(Map<String, String> env) {
    PrintStream console = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      return new AuthorizerHandler(env, Clock.systemUTC());
    } finally {
      System.setOut(console);
    }
  }

  private static String seedToken(Instant expiresAt, Algorithm algorithm) {
    return JWT.create()
        .withClaim("userId", "123456789")
        .withClaim("username", "example_user")
        .withClaim("role", "admin")
        .withIssuedAt(Instant.now())
        .withExpiresAt(expiresAt)
        .sign(algorithm);
  }

  private static void requireVerdict(Verdict verdict, boolean allowed) {
    if ((verdict instanceof Verdict.Allowed) != allowed) {
      throw new IllegalStateException("unexpected verdict in the benchmark setup: " + verdict);
    }
  }

  /** A valid token: parse, header and claim rules, HMAC, claims, principal and context. */
  @Benchmark
  public Verdict verifyValid() {
    return verifier.verify(valid);
  }

  /** A well-formed token signed with another key. */
  @Benchmark
  public Verdict verifyBadSignature() {
    return verifier.verify(badSignature);
  }

  /** A genuine token that expired an hour ago. */
  @Benchmark
  public Verdict verifyExpired() {
    return verifier.verify(expired);
  }

  /** A token whose payload is not base64url JSON. */
  @Benchmark
  public Verdict verifyMalformed() {
    return verifier.verify(malformed);
  }

  /** Event bytes in, policy bytes out, decision log line included: what Lambda runs per invocation. */
  @Benchmark
  public byte[] fullPath() throws IOException {
    ByteArrayOutputStream policy = new ByteArrayOutputStream(512);
    handler.handleRequest(new ByteArrayInputStream(event), policy, null);
    return policy.toByteArray();
  }

  /** The baseline: HMAC-SHA256 of the same signing input with a Mac built once. */
  @Benchmark
  public byte[] hmacSha256() {
    return mac.doFinal(signingInput);
  }
}
