package dev.tokengate.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code token-cli sign}: mints an HS256 token and prints only the token. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    versionProvider = ManifestVersionProvider.class,
    sortOptions = false,
    description = {
      "Mint an HS256 token that the authorizer accepts and print only the token.",
      "The token is signed with the secret. Claims come from --claims-file, then --claim, then the options below"
          + " (later wins); exp defaults to 1h and iat to now.",
      "The authorizer takes the principal from the first claim that PRINCIPAL_CLAIM names (default: sub, then"
          + " userId) and denies a token without a usable one, so sign refuses to mint such a token (exit code 2)"
          + " unless --allow-missing-principal is given."
    })
final class SignCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @ParentCommand private TokenCli root;
  @Mixin private SecretOptions secret;
  @Mixin private NowOption now;

  @Option(names = "--sub", paramLabel = "SUBJECT", description = "The sub claim: who the token is for.")
  private String subject;

  @Option(names = "--iss", paramLabel = "ISSUER", description = "The iss claim.")
  private String issuer;

  @Option(names = "--aud", paramLabel = "AUDIENCE",
      description = "The aud claim; repeat for several (one: a string, several: an array).")
  private List<String> audience = new ArrayList<>();

  @Option(names = "--expires-in", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "Lifetime: 90s, 15m, 1h, 7d, 1h30m or ISO-8601 PT1H (default: 1h). A bare number is an error.")
  private Duration expiresIn;

  @Option(names = "--not-before", paramLabel = "DURATION|INSTANT", converter = Converters.PointInTimeConverter.class,
      description = "The nbf claim: a duration from now (5m) or an instant (2026-01-01T00:00:00Z).")
  private PointInTime notBefore;

  @Option(names = "--no-iat", description = "Leave out the iat (issued at) claim.")
  private boolean noIssuedAt;

  @Option(names = "--jti", paramLabel = "ID", arity = "0..1", fallbackValue = "",
      description = "The jti claim; a random UUID when given without a value.")
  private String jwtId;

  @Option(names = "--kid", paramLabel = "KEY_ID",
      description = "The kid header (default: the key's RFC 7638 thumbprint, which the authorizer uses to pick"
          + " the key during a rotation).")
  private String keyId;

  @Option(names = "--claim", paramLabel = "KEY=VALUE|KEY:=JSON", converter = Converters.ClaimConverter.class,
      description = "A claim, repeatable: KEY=VALUE for a string, or KEY:=JSON for a number, boolean, array, object"
          + " or null (--claim 'scope:=[\"read\",\"write\"]').")
  private List<Map.Entry<String, Object>> claims = new ArrayList<>();

  @Option(names = "--claims-file", paramLabel = "FILE|-", description = "Claims from a JSON object in a file ('-': stdin).")
  private String claimsFile;

  @Option(names = PrincipalCheck.OVERRIDE,
      description = "Mint the token even without a principal the authorizer accepts, to test denials (the"
          + " authorizer denies such a token: missing_claim or invalid_claim).")
  private boolean allowMissingPrincipal;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "token",
      description = "token (default), bearer ('Bearer <token>'), header ('Authorization: Bearer <token>', for"
          + " curl -H) or json.")
  private TokenFormat format;

  @Override
  public Integer call() {
    SecretSource source = secret.source();
    if (source.readsStdin() && "-".equals(claimsFile)) {
      throw new ParameterException(spec.commandLine(),
          "stdin can feed either the secret or --claims-file, not both: put one of them in a file");
    }
    if (expiresIn != null && expiresIn.isZero()) {
      throw new ParameterException(spec.commandLine(), "--expires-in must be longer than 0s");
    }
    Host host = root.host();
    Instant issuedAt = now.now(host.clock());
    TokenRequest request = new TokenRequest(
        issuedAt,
        claims(host),
        Optional.ofNullable(subject),
        Optional.ofNullable(issuer),
        audience,
        Optional.ofNullable(expiresIn),
        Optional.ofNullable(notBefore).map(time -> time.resolve(issuedAt)),
        !noIssuedAt,
        Optional.ofNullable(jwtId).map(id -> id.isEmpty() ? UUID.randomUUID().toString() : id),
        Optional.ofNullable(keyId));
    if (!allowMissingPrincipal) {
      // Before the secret is read: nobody types a key at the prompt to be told the token is of no use.
      PrincipalCheck.fromShell(host.env()).problem(Signer.claims(request), issuedAt).ifPresent(problem -> {
        throw new ParameterException(spec.commandLine(), problem);
      });
    }
    Signer signer = new Signer(new SecretReader(host, spec.commandLine().getErr()::println).read(source));
    String token = signer.sign(request);
    spec.commandLine().getOut().println(format.render(token, issuedAt));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  private Map<String, Object> claims(Host host) {
    Map<String, Object> all = new LinkedHashMap<>();
    if (claimsFile != null) {
      try {
        all.putAll(Json.parseObject(Inputs.read(claimsFile, host.stdin(), "claims file")));
      } catch (IllegalArgumentException e) {
        throw new InputException("claims file '" + claimsFile + "': " + e.getMessage());
      }
    }
    claims.forEach(claim -> all.put(claim.getKey(), claim.getValue()));
    return all;
  }
}
