package dev.tokengate.cli;

import dev.tokengate.authorizer.AuthorizerHandler;
import dev.tokengate.authorizer.AuthorizerResponse;
import dev.tokengate.authorizer.MethodArn;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code token-cli authorize}: runs the real authorizer handler and prints what API Gateway would receive. */
@Command(
    name = "authorize",
    mixinStandardHelpOptions = true,
    versionProvider = ManifestVersionProvider.class,
    sortOptions = false,
    description = {
      "Run the authorizer Lambda's handler on a token and a method ARN (or a TOKEN authorizer event) and print the",
      "policy JSON that API Gateway would receive, or Unauthorized. Exits 0 for Allow, 1 for Deny, 5 for",
      "Unauthorized (API Gateway answers 401)."
    })
final class AuthorizeCommand implements Callable<Integer> {

  private static final String UNAUTHORIZED = "Unauthorized";

  @Spec private CommandSpec spec;
  @ParentCommand private TokenCli root;
  @Mixin private SecretOptions secret;
  @Mixin private AuthorizerOptions config;
  @Mixin private NowOption now;

  @Parameters(index = "0", arity = "0..1", paramLabel = "TOKEN|-",
      description = "The token or the whole 'Bearer <token>' header value; '-' for stdin.")
  private String token;

  @Option(names = "--method-arn", paramLabel = "ARN", converter = Converters.MethodArnConverter.class,
      description = "The called method, e.g. arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/hello.")
  private MethodArn methodArn;

  @Option(names = "--event", paramLabel = "FILE|-",
      description = "A TOKEN authorizer event (authorizationToken, methodArn), e.g. events/authorizer/*.json;"
          + " --method-arn overrides its methodArn.")
  private String event;

  @Option(names = "--log", description = "Also print the authorizer's decision log line (JSON) on stderr.")
  private boolean log;

  @Override
  public Integer call() {
    Host host = root.host();
    Request request = request(host);
    Secret key = new SecretReader(host).read(secret.source()).requireStrong();
    ByteArrayOutputStream decisionLog = new ByteArrayOutputStream();
    AuthorizerHandler handler = new AuthorizerHandler(
        AuthorizerEnvironment.of(host.env(), config.overrides(), key),
        Clock.fixed(now.now(host.clock()), ZoneOffset.UTC),
        new PrintStream(decisionLog, true, StandardCharsets.UTF_8));

    PrintWriter out = spec.commandLine().getOut();
    int exitCode;
    try {
      AuthorizerResponse response = handler.authorize(request.header(), request.methodArn());
      out.println(Json.pretty(response));
      boolean allowed = response.policyDocument().statement().stream().allMatch(s -> "Allow".equals(s.effect()));
      exitCode = allowed ? ExitCodes.OK : ExitCodes.REJECTED;
    } catch (RuntimeException e) {
      if (!UNAUTHORIZED.equals(e.getMessage())) {
        throw e;
      }
      out.println(UNAUTHORIZED);
      exitCode = ExitCodes.UNAUTHORIZED;
    }
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    if (exitCode == ExitCodes.UNAUTHORIZED) {
      err.println(spec.qualifiedName() + ": Unauthorized: API Gateway would answer 401 (not 'Bearer <compact"
          + " JWS>', or INVALID_TOKEN_RESPONSE=unauthorized); --log shows the reason");
    }
    if (log) {
      err.print(decisionLog.toString(StandardCharsets.UTF_8));
    }
    err.flush();
    return exitCode;
  }

  /** The header value and method ARN, from the arguments or the event file. */
  private Request request(Host host) {
    if (event != null) {
      if (token != null) {
        throw new ParameterException(spec.commandLine(), "give either a TOKEN or --event, not both");
      }
      if ("-".equals(event) && secret.source().readsStdin()) {
        throw new ParameterException(spec.commandLine(),
            "stdin can feed either the event or the secret, not both: use --secret-file or --secret-env");
      }
      return fromEvent(Inputs.read(event, host.stdin(), "event file"));
    }
    if (methodArn == null) {
      throw new ParameterException(spec.commandLine(), "missing --method-arn ARN (or give a whole event with --event)");
    }
    String text = "-".equals(TokenArgument.resolve(token, secret.source(), host, spec))
        ? Inputs.readStdin(host.stdin(), "the token on stdin")
        : token;
    String value = text.strip();
    if (value.isEmpty()) {
      throw new InputException("empty token: pass the token as an argument, or '-' and pipe it on stdin");
    }
    // Passed to the handler as API Gateway would: a malformed value is for the handler to refuse (401).
    String header = TokenInput.startsWithIgnoreCase(value, "bearer ") ? value : "Bearer " + value;
    return new Request(header, methodArn.arn());
  }

  private Request fromEvent(String json) {
    Map<String, Object> fields;
    try {
      fields = Json.parseObject(json);
    } catch (IllegalArgumentException e) {
      throw new InputException("event file '" + event + "': " + e.getMessage());
    }
    Object type = fields.get("type");
    if (type != null && !"TOKEN".equals(type)) {
      throw new InputException("event file '" + event + "' is a " + type
          + " event; the authorizer is a TOKEN authorizer (type TOKEN, authorizationToken, methodArn)");
    }
    Object header = fields.get("authorizationToken");
    Object arn = methodArn != null ? methodArn.arn() : fields.get("methodArn");
    if (!(header instanceof String) || !(arn instanceof String)) {
      throw new InputException("event file '" + event + "' needs string fields authorizationToken and methodArn");
    }
    return new Request((String) header, (String) arn);
  }

  /** What API Gateway passes to a TOKEN authorizer. */
  private record Request(String header, String methodArn) {}
}
