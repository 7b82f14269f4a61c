package dev.tokengate.localgateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TOKEN authorizer for end-to-end tests, packaged alone into a jar by the test: the token's first segment picks
 * the answer ({@code allow.PRINCIPAL.x}, {@code deny.x.x}, {@code unauthorized.x.x}, {@code crash.x.x},
 * {@code garbage.x.x}). It counts its invocations and reports, without the value, whether it got a JWT_SECRET. An
 * Allow carries a usage identifier key; every call prints one CloudWatch EMF document.
 * Only the JDK and aws-lambda-java-core, as the function's own code sees no other library.
 */
public final class TestAuthorizer implements RequestStreamHandler {

  private static final Pattern FIELD = Pattern.compile("\"(authorizationToken|methodArn)\"\\s*:\\s*\"([^\"]*)\"");

  private int calls;

  /** Fails the function's init, as a misconfigured authorizer does, when FAIL_INIT is set. */
  public TestAuthorizer() {
    if (System.getenv("FAIL_INIT") != null) {
      throw new IllegalStateException("FAIL_INIT is set");
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    calls++;
    String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
    String token = "";
    String methodArn = "";
    Matcher matcher = FIELD.matcher(event);
    while (matcher.find()) {
      if (matcher.group(1).equals("authorizationToken")) {
        token = matcher.group(2);
      } else {
        methodArn = matcher.group(2);
      }
    }
    String[] parts = token.substring("Bearer ".length()).split("\\.");
    String stage = methodArn.replaceAll("^(arn:[^/]+/[^/]+)/.*$", "$1") + "/*/*";
    String secretLength = String.valueOf(System.getenv().getOrDefault("JWT_SECRET", "").length());
    // One CloudWatch EMF document per call, as the real authorizer writes its decision line.
    System.out.println("{\"decision\":\"" + parts[0] + "\",\"call\":" + calls + ",\"decisions\":1,\"latencyUs\":7,"
        + "\"_aws\":{\"Timestamp\":" + System.currentTimeMillis() + ",\"CloudWatchMetrics\":[{\"Namespace\":\"e2e\","
        + "\"Dimensions\":[[\"decision\"]],\"Metrics\":[{\"Name\":\"decisions\",\"Unit\":\"Count\"},"
        + "{\"Name\":\"latencyUs\",\"Unit\":\"Microseconds\"}]}]}}");
    String answer;
    switch (parts[0]) {
      case "allow" -> answer = policy(parts[1], "Allow", stage,
          "\"message\":\"ok\",\"calls\":" + calls + ",\"secretLength\":\"" + secretLength + "\"")
          .replaceFirst("}$", ",\"usageIdentifierKey\":\"e2eKey0123456789abcdefgh\"}");
      case "deny" -> answer = policy("anonymous", "Deny", methodArn,
          "\"reason\":\"token_expired\",\"message\":\"token expired\"");
      case "unauthorized" -> throw new RuntimeException("Unauthorized");
      case "crash" -> throw new IllegalStateException("the test authorizer crashed on purpose");
      default -> answer = "not a policy";
    }
    output.write(answer.getBytes(StandardCharsets.UTF_8));
  }

  private static String policy(String principal, String effect, String resource, String context) {
    return "{\"principalId\":\"" + principal + "\",\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{"
        + "\"Action\":\"execute-api:Invoke\",\"Effect\":\"" + effect + "\",\"Resource\":[\"" + resource + "\"]}]},"
        + "\"context\":{" + context + "}}";
  }
}
