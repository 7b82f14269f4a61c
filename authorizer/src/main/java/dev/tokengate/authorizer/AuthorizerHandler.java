package dev.tokengate.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.tokengate.authorizer.secrets.KeySources;
import dev.tokengate.core.Authorizer;
import dev.tokengate.core.Decision;
import dev.tokengate.core.config.AuthorizerConfig;
import dev.tokengate.core.config.ConfigException;
import dev.tokengate.core.config.EnvironmentConfig;
import dev.tokengate.core.policy.AuthorizerResponse;
import dev.tokengate.core.verify.KeySource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The Lambda entry point of the TOKEN authorizer ({@code template.yaml} names
 * {@code dev.tokengate.authorizer.AuthorizerHandler::handleRequest}): event bytes in, core's
 * {@link Authorizer#decide} in between, a decision log line and the policy bytes (or {@code Unauthorized}) out.
 *
 * <p>It reads the event and writes the policy with its own Jackson instead of the runtime's
 * ({@code RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1>}), which cuts the cold start by
 * about a third; the JSON is the same, which the tests prove with AWS's serializer. It uses Jackson's streaming
 * parser and generator only ({@link AuthorizerEvent}, {@link PolicyJson}): building an {@code ObjectMapper}
 * would cost more than the rest of the cold start together.
 *
 * <p>Answers: an Allow policy for a valid token; a Deny policy with {@code context.reason} and
 * {@code context.message} for an invalid one (or {@code Unauthorized} with {@code INVALID_TOKEN_RESPONSE=
 * unauthorized}); the exception {@code RuntimeException("Unauthorized")}, which API Gateway turns into a 401,
 * when the header is not {@code Bearer <compact JWS>} or the event has no usable {@code methodArn}. Nothing else
 * is ever thrown per request. Everything is built in the constructor; instances are thread-safe.
 *
 * <p>During a SnapStart initialization ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}) the constructor
 * registers a {@link SnapStartPriming} hook that runs one throwaway invocation before the snapshot is taken;
 * other cold starts do not even load the CRaC classes.
 */
public final class AuthorizerHandler implements RequestStreamHandler {

  /** The exact message API Gateway recognizes as "answer 401". */
  static final String UNAUTHORIZED = "Unauthorized";
  /** Lambda's variable saying how this instance is initialized. */
  static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";

  private final Authorizer authorizer;
  private final JsonFactory json;
  private final DecisionLog log;

  /**
   * The SnapStart hook, held here because the CRaC context keeps only a weak reference to what is registered;
   * null unless this is a SnapStart initialization.
   */
  private final SnapStartPriming priming;

  /**
   * The constructor Lambda calls: configuration from the process environment, the system clock, logs on stdout.
   *
   * @throws ConfigException when the configuration is missing or invalid (after logging one line saying which)
   */
  public AuthorizerHandler() {
    this(System.getenv(), Clock.systemUTC(), System.out, true);
  }

  /**
   * A handler for the given environment and clock, logging decisions on stdout; what tests use.
   *
   * @param env the environment variables (see {@link EnvironmentConfig})
   * @param clock the time source
   * @throws ConfigException when the configuration is missing or invalid
   */
  public AuthorizerHandler(Map<String, String> env, Clock clock) {
    this(env, clock, System.out, false);
  }

  /**
   * A handler that writes its decision log lines to {@code logOut}; what tests that read the log use.
   *
   * @param env the environment variables (see {@link EnvironmentConfig})
   * @param clock the time source
   * @param logOut where the one JSON line per decision goes (it never holds the token or the secret)
   * @throws ConfigException when the configuration is missing or invalid
   */
  public AuthorizerHandler(Map<String, String> env, Clock clock, PrintStream logOut) {
    this(env, clock, logOut, false);
  }

  private AuthorizerHandler(Map<String, String> env, Clock clock, PrintStream logOut, boolean logInitFailure) {
    this.json = jsonFactory();
    try {
      AuthorizerConfig config = EnvironmentConfig.read(env);
      this.log = DecisionLog.of(json, logOut, config, clock);
      this.authorizer = Authorizer.create(config, KeySources.fromConfig(config, env, clock, log), clock);
    } catch (ConfigException e) {
      if (logInitFailure) {
        new DecisionLog(json, logOut).initFailed(e.getMessage());
      }
      throw e;
    }
    this.priming = "snap-start".equals(env.get(INITIALIZATION_TYPE))
        ? SnapStartPriming.register(authorizer.config(), clock)
        : null;
  }

  /**
   * A handler for a configuration and keys built by the caller, with no SnapStart priming of its own: what
   * {@code token-cli authorize} and the throwaway handler of {@link SnapStartPriming} use.
   *
   * @param config the validated configuration
   * @param keys the verification keys
   * @param clock the time source
   * @param logOut where the one JSON line per decision goes
   */
  public AuthorizerHandler(AuthorizerConfig config, KeySource keys, Clock clock, PrintStream logOut) {
    this.json = jsonFactory();
    this.log = DecisionLog.of(json, logOut, config, clock);
    this.authorizer = Authorizer.create(config, keys, clock);
    this.priming = null;
  }

  private static JsonFactory jsonFactory() {
    return JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
  }

  /** The SnapStart hook this handler registered, or null (not a SnapStart initialization, or the throwaway). */
  SnapStartPriming priming() {
    return priming;
  }

  /**
   * Reads a TOKEN authorizer event ({@code authorizationToken}, {@code methodArn}) and writes the policy as JSON.
   *
   * @throws RuntimeException with message {@code Unauthorized} when API Gateway must answer 401
   * @throws IOException when the output cannot be written
   */
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    AuthorizerEvent event = readEvent(input);
    AuthorizerResponse response = authorize(event.authorizationToken(), event.methodArn());
    try (JsonGenerator generator = json.createGenerator(output)) {
      PolicyJson.write(generator, response);
    }
  }

  /**
   * Decides one request, exactly as {@link #handleRequest} does but without streams, and answers as a Lambda
   * authorizer must.
   *
   * @param authorizationToken the {@code Authorization} header value, e.g. {@code Bearer eyJ...}; may be null
   * @param methodArn the ARN of the method called; may be null
   * @return an Allow policy for a valid token, a Deny policy for an invalid one
   * @throws RuntimeException with message {@code Unauthorized} (and of exactly that class) when the decision is
   *     {@link Decision.Unauthorized}
   */
  public AuthorizerResponse authorize(String authorizationToken, String methodArn) {
    Decision decision = decide(authorizationToken, methodArn);
    if (decision instanceof Decision.Allow allow) {
      return allow.policy();
    }
    if (decision instanceof Decision.Deny deny) {
      return deny.policy();
    }
    throw unauthorized();
  }

  /**
   * Decides one request and writes its decision log line: what {@link #authorize} answers with, as a value.
   *
   * @param authorizationToken the {@code Authorization} header value; may be null
   * @param methodArn the ARN of the method called; may be null
   * @return the decision; never throws
   */
  public Decision decide(String authorizationToken, String methodArn) {
    long start = System.nanoTime();
    Decision decision = authorizer.decide(authorizationToken, methodArn);
    log.decision(decision, authorizationToken, start);
    return decision;
  }

  private AuthorizerEvent readEvent(InputStream input) {
    try {
      return AuthorizerEvent.read(json, input);
    } catch (IOException e) {
      log.unauthorized(Decision.Unauthorized.MALFORMED_EVENT, Optional.empty(), null, System.nanoTime());
      throw unauthorized();
    }
  }

  private static RuntimeException unauthorized() {
    return new RuntimeException(UNAUTHORIZED);
  }
}
