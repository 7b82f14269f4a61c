package dev.tokengate.cli;

import dev.tokengate.core.config.AuthorizerConfig;
import dev.tokengate.core.verify.HmacKey;
import dev.tokengate.core.verify.KeySource;
import dev.tokengate.core.verify.TokenVerifier;
import dev.tokengate.core.verify.Verdict;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code token-cli verify}: the authorizer's verdict on a token, with its own verifier and configuration. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = ManifestVersionProvider.class,
    sortOptions = false,
    description = {
      "Verify a token exactly as the authorizer does and print the verdict.",
      "The rules and variables are the authorizer's: JWT_ISSUER, JWT_AUDIENCE, JWT_LEEWAY_SECONDS,"
          + " JWT_MAX_TOKEN_AGE_SECONDS, PRINCIPAL_CLAIM and USAGE_IDENTIFIER_CLAIM, which the options below"
          + " override. Prints the verdict, the reason and the claims (the usage identifier masked); exits 0 when"
          + " valid, 1 when rejected."
    })
final class VerifyCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @ParentCommand private TokenCli root;
  @Mixin private SecretOptions secret;
  @Mixin private AuthorizerOptions config;
  @Mixin private NowOption now;

  @Parameters(index = "0", arity = "0..1", paramLabel = "TOKEN|-",
      description = "The token, 'Bearer <token>' or '-' for stdin (the default when stdin is piped).")
  private String token;

  @Option(names = "--json", description = "Print the result as JSON, for scripts.")
  private boolean json;

  @Override
  public Integer call() {
    Host host = root.host();
    String compact = TokenInput.read(TokenArgument.resolve(token, secret.source(), host, spec), host.stdin());
    Secret key = new SecretReader(host, spec.commandLine().getErr()::println).read(secret.source()).requireStrong();
    AuthorizerConfig settings = config.config(host.env(), key);
    Instant at = now.now(host.clock());
    TokenVerifier verifier = TokenVerifier.create(
        settings, KeySource.of(HmacKey.fromSecret(key.text())), Clock.fixed(at, ZoneOffset.UTC));
    Verdict verdict = verifier.verify(compact);

    PrintWriter out = spec.commandLine().getOut();
    Optional<String> usageClaim = settings.usageIdentifierClaim();
    if (json) {
      out.println(Json.pretty(jsonResult(verdict, usageClaim)));
    } else {
      printText(out, verdict, compact, at, usageClaim);
    }
    out.flush();
    return verdict instanceof Verdict.Allowed ? ExitCodes.OK : ExitCodes.REJECTED;
  }

  private static Map<String, Object> jsonResult(Verdict verdict, Optional<String> usageClaim) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("valid", verdict instanceof Verdict.Allowed);
    if (verdict instanceof Verdict.Allowed allowed) {
      result.put("principal", allowed.principal());
      result.put("kid", allowed.kid().orElse(null));
      result.put("claims", UsageKeyMask.inClaims(allowed.claims(), usageClaim));
    } else {
      Verdict.Denied denied = (Verdict.Denied) verdict;
      result.put("reason", denied.reason().code());
      result.put("message", denied.reason().message());
      result.put("kid", denied.kid().orElse(null));
    }
    return result;
  }

  private static void printText(
      PrintWriter out, Verdict verdict, String compact, Instant at, Optional<String> usageClaim) {
    if (verdict instanceof Verdict.Allowed allowed) {
      out.println("valid: signature and claims verified with the authorizer's rules");
      out.println("principal: " + TerminalText.escape(allowed.principal()));
      allowed.kid().ifPresent(kid -> out.println("kid: " + TerminalText.escape(kid)));
      out.println("claims:");
      ClaimsText.lines(UsageKeyMask.inClaims(allowed.claims(), usageClaim), at).forEach(out::println);
      return;
    }
    Verdict.Denied denied = (Verdict.Denied) verdict;
    out.println("rejected: " + denied.reason().code() + " (" + denied.reason().message() + ")");
    try {
      // What the rejected token claims helps to see why (e.g. when it expired), marked as untrusted.
      DecodedToken decoded = DecodedToken.decode(compact);
      out.println("claims (NOT trusted, the token was rejected):");
      ClaimsText.lines(UsageKeyMask.inClaims(decoded.claims(), usageClaim), at).forEach(out::println);
    } catch (InputException e) {
      // Nothing readable to show: the reason says it is malformed.
    }
  }
}
