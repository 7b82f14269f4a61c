package dev.tokengate.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code token-cli inspect}: shows what a token says, without a key and without trusting it. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    versionProvider = ManifestVersionProvider.class,
    sortOptions = false,
    description = {
      "Decode a token's header and claims WITHOUT verifying anything.",
      "No key is needed. Times are shown as dates, with the expiry in words. Use 'token-cli verify' to know"
          + " whether the authorizer would accept the token."
    })
final class InspectCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @ParentCommand private TokenCli root;
  @Mixin private NowOption now;

  @Parameters(index = "0", arity = "0..1", paramLabel = "TOKEN|-",
      description = "The token, 'Bearer <token>' or '-' for stdin (the default when stdin is piped).")
  private String token;

  @Option(names = "--json", description = "Print {\"header\":...,\"claims\":...} as JSON.")
  private boolean json;

  @Override
  public Integer call() {
    Host host = root.host();
    String argument = TokenArgument.resolve(token, new SecretSource.Automatic(), host, spec);
    DecodedToken decoded = DecodedToken.decode(TokenInput.read(argument, host.stdin()));
    Instant at = now.now(host.clock());

    PrintWriter err = spec.commandLine().getErr();
    err.println(spec.qualifiedName() + ": NOT verified: the signature and claims were not checked;"
        + " 'token-cli verify' checks them");
    err.flush();

    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("header", decoded.header());
      result.put("claims", decoded.claims());
      out.println(Json.pretty(result));
    } else {
      out.println("header:");
      ClaimsText.lines(decoded.header(), at).forEach(out::println);
      out.println("claims:");
      ClaimsText.lines(decoded.claims(), at).forEach(out::println);
      if (!decoded.claims().containsKey("exp")) {
        out.println("no exp: the authorizer rejects tokens without an expiry");
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
