package dev.tokengate.authorizer;

import dev.tokengate.testing.TestTokens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A minimal launcher: builds the handler as Lambda does (no-argument constructor, process environment) and
 * decides one TOKEN event, then prints the policy. Used to check which classes a cold start loads, and to time a
 * cold start from process start to the first decision.
 *
 * <p>Usage: {@code java -cp ... dev.tokengate.authorizer.DecideOnce <token>}
 */
public final class DecideOnce {

  private DecideOnce() {}

  public static void main(String[] args) throws IOException {
    String event = "{\"type\":\"TOKEN\",\"authorizationToken\":\"Bearer " + args[0] + "\",\"methodArn\":\""
        + TestTokens.METHOD_ARN + "\"}";
    ByteArrayOutputStream policy = new ByteArrayOutputStream();
    new AuthorizerHandler().handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), policy, null);
    System.out.println(policy.toString(StandardCharsets.UTF_8));
  }
}
