package dev.tokengate.cli;

import com.fasterxml.jackson.core.JsonFactory;
import dev.tokengate.authorizer.AuthorizerEvent;
import dev.tokengate.authorizer.AuthorizerHandler;
import dev.tokengate.core.Decision;
import dev.tokengate.core.arn.MethodArn;
import dev.tokengate.core.verify.HmacKey;
import dev.tokengate.core.verify.KeySource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
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
      "Run the authorizer Lambda's handler on a token and print the policy.",
      "Takes a token and a method ARN (or a TOKEN authorizer event) and prints the policy JSON that API Gateway"
          + " would receive, or Unauthorized. A usageIdentifierKey (USAGE_IDENTIFIER_CLAIM) shows only its first 4"
          + " characters and its length. Exits 0 for Allow, 1 for Deny, 5 for Unauthorized (API Gateway answers"
          + " 401)."
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
      description = "The called method, such as arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/hello.")
  private MethodArn methodArn;

  @Option(names = "--event", paramLabel = "FILE|-",
      description = "A TOKEN authorizer event (authorizationToken, methodArn), such as events/authorizer/*.json;"
          + " --method-arn overrides its methodArn.")
  private String event;

  @Option(names = "--log", description = "Also print the authorizer's decision log line (JSON) on stderr.")
  private boolean log;

  @Override
  public Integer call() {
    Host host = root.host();
    Request request = request(host);
    Secret key = new SecretReader(host, spec.commandLine().getErr()::println).read(secret.source()).requireStrong();
    ByteArrayOutputStream decisionLog = new ByteArrayOutputStream();
    AuthorizerHandler handler = new AuthorizerHandler(
        config.config(host.env(), key),
        KeySource.of(HmacKey.fromSecret(key.text())),
        Clock.fixed(now.now(host.clock()), ZoneOffset.UTC),
        new PrintStream(decisionLog, true, StandardCharsets.UTF_8));

    PrintWriter out = spec.commandLine().getOut();
    Decision decision = handler.decide(request.header(), request.methodArn());
    int exitCode;
    if (decision instanceof Decision.Allow allow) {
      out.println(Json.pretty(UsageKeyMask.inResponse(allow.policy())));
      exitCode = ExitCodes.OK;
    } else if (decision instanceof Decision.Deny deny) {
      out.println(Json.pretty(deny.policy()));
      exitCode = ExitCodes.REJECTED;
    } else {
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
    AuthorizerEvent fields;
    try {
      fields = AuthorizerEvent.read(new JsonFactory(), new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      // Never the parser's message: it quotes the input, and a mistyped path may name a file that holds a secret.
      throw new InputException("event file '" + event + "' is not a JSON object: give a TOKEN authorizer event"
          + " (type TOKEN, authorizationToken, methodArn), e.g. events/authorizer/allow-sub.json");
    }
    if (fields.type() != null && !"TOKEN".equals(fields.type())) {
      // Only API Gateway's other type is named: any other value is the file's content.
      String kind = "REQUEST".equals(fields.type()) ? "a REQUEST event" : "not a TOKEN event";
      throw new InputException("event file '" + event + "' is " + kind
          + "; the authorizer is a TOKEN authorizer (type TOKEN, authorizationToken, methodArn)");
    }
    String arn = methodArn != null ? methodArn.arn() : fields.methodArn();
    if (fields.authorizationToken() == null || arn == null) {
      throw new InputException("event file '" + event + "' needs string fields authorizationToken and methodArn");
    }
    return new Request(fields.authorizationToken(), arn);
  }

  /** What API Gateway passes to a TOKEN authorizer. */
  private record Request(String header, String methodArn) {}
}
