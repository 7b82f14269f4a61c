package dev.tokengate.localgateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokengate.core.arn.MethodArn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A TOKEN authorizer's answer as API Gateway reads it: the principal, the IAM policy, the context passed on to
 * the backend and the usage identifier key. Immutable and thread-safe: one instance is cached and evaluated for
 * many requests. {@link #toString()} never prints the usage identifier key, an API key.
 *
 * @param usageIdentifierKey the API key of the request when the API's key source is {@code AUTHORIZER}
 */
record AuthorizerPolicy(String principalId, List<Statement> statements, Map<String, Object> context,
    Optional<String> usageIdentifierKey) {

  static final String INVOKE = "execute-api:Invoke";

  enum Effect { ALLOW, DENY }

  /** What the policy says about one method ARN: an explicit Deny wins, and without an Allow access is denied. */
  enum Decision { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

  record Statement(Effect effect, List<String> actions, List<String> resources) {

    Statement {
      actions = List.copyOf(actions);
      resources = List.copyOf(resources);
    }

    boolean covers(String action, String resource) {
      // IAM compares action names without regard to case, resource ARNs exactly.
      return actions.stream().anyMatch(pattern -> Wildcard.matches(pattern, action, true))
          && resources.stream().anyMatch(pattern -> Wildcard.matches(pattern, resource, false));
    }
  }

  /** The authorizer's output is not something API Gateway accepts; it answers such a policy with a 500. */
  static final class MalformedPolicyException extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedPolicyException(String message) {
      super(message);
    }
  }

  AuthorizerPolicy {
    statements = List.copyOf(statements);
    context = Map.copyOf(context);
  }

  @Override
  public String toString() {
    return "AuthorizerPolicy[principalId=" + principalId + ", statements=" + statements + ", context=" + context
        + ", usageIdentifierKey=" + usageIdentifierKey.map(key -> "<redacted>").orElse("<none>") + "]";
  }

  Decision evaluate(MethodArn methodArn) {
    String resource = methodArn.arn();
    boolean allowed = false;
    for (Statement statement : statements) {
      if (statement.covers(INVOKE, resource)) {
        if (statement.effect() == Effect.DENY) {
          return Decision.EXPLICIT_DENY;
        }
        allowed = true;
      }
    }
    return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
  }

  /**
   * Reads an authorizer's JSON output.
   *
   * @throws MalformedPolicyException when API Gateway would refuse it: no principalId, no policy document, a
   *     statement without Effect, Action or Resource, a context value that is not a string, number or boolean, or
   *     a usageIdentifierKey that is not a string
   */
  static AuthorizerPolicy parse(JsonNode output) throws MalformedPolicyException {
    if (output == null || !output.isObject()) {
      throw new MalformedPolicyException("the authorizer's output is not a JSON object");
    }
    JsonNode principal = output.get("principalId");
    if (principal == null || !principal.isValueNode() || principal.isNull()) {
      throw new MalformedPolicyException("principalId is missing or not a string");
    }
    JsonNode document = output.get("policyDocument");
    if (document == null || !document.isObject()) {
      throw new MalformedPolicyException("policyDocument is missing or not an object");
    }
    List<Statement> statements = new ArrayList<>();
    for (JsonNode statement : arrayOrSingle(document.get("Statement"), "policyDocument.Statement")) {
      statements.add(statement(statement));
    }
    JsonNode key = output.get("usageIdentifierKey");
    if (key != null && !key.isNull() && !key.isTextual()) {
      throw new MalformedPolicyException("usageIdentifierKey is not a string");
    }
    return new AuthorizerPolicy(principal.asText(), statements, context(output.get("context")),
        Optional.ofNullable(key).filter(JsonNode::isTextual).map(JsonNode::textValue));
  }

  private static Statement statement(JsonNode statement) throws MalformedPolicyException {
    if (!statement.isObject()) {
      throw new MalformedPolicyException("a policy statement is not an object");
    }
    JsonNode effect = statement.get("Effect");
    Effect parsed;
    if (effect != null && "Allow".equals(effect.textValue())) {
      parsed = Effect.ALLOW;
    } else if (effect != null && "Deny".equals(effect.textValue())) {
      parsed = Effect.DENY;
    } else {
      throw new MalformedPolicyException("a statement's Effect is neither \"Allow\" nor \"Deny\"");
    }
    return new Statement(parsed, texts(statement.get("Action"), "Action"), texts(statement.get("Resource"), "Resource"));
  }

  private static List<String> texts(JsonNode value, String name) throws MalformedPolicyException {
    List<String> texts = new ArrayList<>();
    for (JsonNode item : arrayOrSingle(value, name)) {
      if (!item.isTextual()) {
        throw new MalformedPolicyException("a statement's " + name + " holds something other than strings");
      }
      texts.add(item.textValue());
    }
    return texts;
  }

  private static List<JsonNode> arrayOrSingle(JsonNode value, String name) throws MalformedPolicyException {
    if (value == null || value.isNull() || value.isArray() && value.isEmpty()) {
      throw new MalformedPolicyException(name + " is missing or empty");
    }
    List<JsonNode> items = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(items::add);
    } else {
      items.add(value);
    }
    return items;
  }

  private static Map<String, Object> context(JsonNode context) throws MalformedPolicyException {
    Map<String, Object> values = new LinkedHashMap<>();
    if (context == null || context.isNull()) {
      return values;
    }
    if (!context.isObject()) {
      throw new MalformedPolicyException("context is not an object");
    }
    for (Map.Entry<String, JsonNode> entry : context.properties()) {
      JsonNode value = entry.getValue();
      if (value.isTextual()) {
        values.put(entry.getKey(), value.textValue());
      } else if (value.isNumber()) {
        values.put(entry.getKey(), value.numberValue());
      } else if (value.isBoolean()) {
        values.put(entry.getKey(), value.booleanValue());
      } else {
        throw new MalformedPolicyException("context." + entry.getKey()
            + " is not a string, number or boolean (API Gateway allows no nested values)");
      }
    }
    return values;
  }
}
