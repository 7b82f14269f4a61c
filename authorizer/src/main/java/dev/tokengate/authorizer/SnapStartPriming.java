package dev.tokengate.authorizer;

import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tokengate.authorizer.secrets.RotatingKeySource;
import dev.tokengate.core.config.AuthorizerConfig;
import dev.tokengate.core.verify.HmacKey;
import dev.tokengate.core.verify.KeySource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.KeyGenerator;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Primes the authorizer for a SnapStart snapshot: before the checkpoint it runs one complete invocation (event
 * bytes in, policy bytes out) of a valid token, so that the classes of the request path are loaded and compiled
 * into the snapshot instead of on the first request after each restore.
 *
 * <p>The token is signed, at priming time, with a throwaway random key that verifies only in a throwaway handler
 * built for the priming: the real key never signs anything, the real handler decides nothing, and no decision is
 * logged. Nothing that must be unique per restored instance is created here or kept: no random generator, no
 * time, no key. Thread-safe.
 */
final class SnapStartPriming implements Resource {

  private static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
  private static final String METHOD_ARN = "arn:aws:execute-api:us-east-1:000000000000:snapstart/prime/GET/prime";
  /** A valid API key value (20 to 128 letters and digits) for the usage identifier claim; it meters nothing. */
  private static final String USAGE_IDENTIFIER = "snapstartPriming00000";
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final PrintStream NOWHERE =
      new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);

  private final AuthorizerConfig config;
  private final Clock clock;

  SnapStartPriming(AuthorizerConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /**
   * Creates the hook and registers it with the CRaC global context, which holds it only weakly: the caller keeps
   * it. (A static factory, so that the handler's bytecode never names a CRaC type and on-demand cold starts do
   * not load one.)
   */
  static SnapStartPriming register(AuthorizerConfig config, Clock clock) {
    SnapStartPriming priming = new SnapStartPriming(config, clock);
    Core.getGlobalContext().register(priming);
    return priming;
  }

  /** Runs the priming invocation; a failure is reported to the runtime, which then takes no snapshot. */
  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    prime();
  }

  /**
   * Nothing to refresh with {@code JWT_SECRET}: the key is fixed for the function version, times come from the
   * clock on every request, and the JCE draws fresh randomness after a restore. Keys cached from Secrets Manager
   * may be stale after a restore (a snapshot can be restored long after a rotation): {@link RotatingKeySource}
   * registers its own hook for that.
   */
  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // See the comment above: nothing in the JWT_SECRET path is frozen into the snapshot.
  }

  /**
   * What the priming invocation read and wrote.
   *
   * @param event the TOKEN event, with a token signed by the throwaway key
   * @param policy the policy JSON the throwaway handler answered
   */
  record Invocation(String event, String policy) {}

  /** One invocation of a throwaway handler with a throwaway key. */
  Invocation prime() {
    String throwawaySecret = BASE64URL.encodeToString(randomKey());
    AuthorizerHandler primer = new AuthorizerHandler(
        config, KeySource.of(HmacKey.fromSecret(throwawaySecret)), clock, NOWHERE);
    String event = "{\"type\":\"TOKEN\",\"authorizationToken\":\"Bearer " + token(throwawaySecret)
        + "\",\"methodArn\":\"" + METHOD_ARN + "\"}";
    ByteArrayOutputStream policy = new ByteArrayOutputStream();
    try {
      primer.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), policy, null);
    } catch (IOException e) {
      throw new UncheckedIOException("the SnapStart priming invocation failed", e);
    }
    return new Invocation(event, policy.toString(StandardCharsets.UTF_8));
  }

  /** 32 random bytes from the JCE's key generator, which draws from its own secure random source. */
  private static byte[] randomKey() {
    try {
      KeyGenerator generator = KeyGenerator.getInstance("HmacSHA256");
      generator.init(256);
      return generator.generateKey().getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform must provide HmacSHA256", e);
    }
  }

  /** A token that passes every configured check: principal, issuer, audience, usage identifier, iat and exp. */
  private String token(String secret) {
    String signingInput = BASE64URL.encodeToString(HEADER.getBytes(StandardCharsets.UTF_8)) + "."
        + BASE64URL.encodeToString(claims(clock.instant().getEpochSecond()));
    byte[] signature = Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8))
        .sign(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + BASE64URL.encodeToString(signature);
  }

  private byte[] claims(long now) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField(config.principalClaims().get(0), "snapstart-priming");
      if (config.issuer().isPresent()) {
        json.writeStringField("iss", config.issuer().get());
      }
      if (config.audience().isPresent()) {
        json.writeStringField("aud", config.audience().get());
      }
      if (config.usageIdentifierClaim().isPresent()) {
        json.writeStringField(config.usageIdentifierClaim().get(), USAGE_IDENTIFIER);
      }
      json.writeNumberField("iat", now);
      json.writeNumberField("exp", now + 300);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: writing to memory", e);
    }
    return out.toByteArray();
  }
}
