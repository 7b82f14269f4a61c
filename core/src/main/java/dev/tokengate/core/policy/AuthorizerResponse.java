package dev.tokengate.core.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a TOKEN authorizer returns to API Gateway. Serialized with Jackson it is exactly the JSON the Lambda
 * Java runtime writes for {@code com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1} (the tests
 * prove it); the authorizer writes it itself so that it does not load the runtime's own serializer at cold start.
 *
 * <p>Build it with {@link PolicyFactory}. Immutable and thread-safe. {@link #toString()} never prints the
 * usage identifier key, which is a credential.
 *
 * @param principalId the caller's identity, which API Gateway passes on as {@code $context.authorizer.principalId}
 * @param policyDocument the IAM policy
 * @param context values passed on as {@code $context.authorizer.<key>} (strings, numbers, booleans only)
 * @param usageIdentifierKey the API key API Gateway meters the request against when the API's key source is
 *     {@code AUTHORIZER}; null for none, and then left out of the JSON, as AWS's serializer leaves it out
 */
@JsonPropertyOrder({"principalId", "policyDocument", "context", "usageIdentifierKey"})
public record AuthorizerResponse(
    String principalId, PolicyDocument policyDocument, Map<String, Object> context,
    @JsonInclude(JsonInclude.Include.NON_NULL) String usageIdentifierKey) {

  /** The only action an authorizer policy grants or denies. */
  public static final String EXECUTE_API_INVOKE = "execute-api:Invoke";
  /** The IAM policy language version API Gateway requires. */
  public static final String VERSION_2012_10_17 = "2012-10-17";

  /**
   * Rejects nulls and copies the context, keeping its order.
   *
   * @param principalId the caller's identity
   * @param policyDocument the IAM policy
   * @param context values passed on as {@code $context.authorizer.<key>}
   * @param usageIdentifierKey the API key for usage plans, or null
   */
  public AuthorizerResponse {
    Objects.requireNonNull(principalId, "principalId");
    Objects.requireNonNull(policyDocument, "policyDocument");
    context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
  }

  /**
   * A response without a usage identifier key.
   *
   * @param principalId the caller's identity
   * @param policyDocument the IAM policy
   * @param context values passed on as {@code $context.authorizer.<key>}
   */
  public AuthorizerResponse(String principalId, PolicyDocument policyDocument, Map<String, Object> context) {
    this(principalId, policyDocument, context, null);
  }

  /** Like the generated one, but the usage identifier key is never printed. */
  @Override
  public String toString() {
    return "AuthorizerResponse[principalId=" + principalId + ", policyDocument=" + policyDocument
        + ", context=" + context + ", usageIdentifierKey=" + (usageIdentifierKey == null ? "<unset>" : "<redacted>")
        + "]";
  }

  /**
   * An IAM policy document.
   *
   * @param version the policy language version
   * @param statement the statements
   */
  @JsonPropertyOrder({"Version", "Statement"})
  public record PolicyDocument(
      @JsonProperty("Version") String version, @JsonProperty("Statement") List<Statement> statement) {
    /**
     * Rejects nulls and copies the statements.
     *
     * @param version the policy language version
     * @param statement the statements
     */
    public PolicyDocument {
      Objects.requireNonNull(version, "version");
      statement = List.copyOf(statement);
    }
  }

  /**
   * One statement of a policy document.
   *
   * @param action the action, always {@link #EXECUTE_API_INVOKE}
   * @param resource the method ARNs (may contain wildcards)
   * @param effect {@code Allow} or {@code Deny}
   */
  @JsonPropertyOrder({"Action", "Resource", "Effect"})
  public record Statement(
      @JsonProperty("Action") String action,
      @JsonProperty("Resource") List<String> resource,
      @JsonProperty("Effect") String effect) {
    /**
     * Rejects nulls and copies the resources.
     *
     * @param action the action
     * @param resource the method ARNs
     * @param effect {@code Allow} or {@code Deny}
     */
    public Statement {
      Objects.requireNonNull(action, "action");
      resource = List.copyOf(resource);
      Objects.requireNonNull(effect, "effect");
    }
  }
}
