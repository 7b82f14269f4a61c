package dev.tokengate.core.arn;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code methodArn} of an authorizer event, parsed once:
 * {@code arn:<partition>:execute-api:<region>:<account>:<apiId>/<stage>/<method>/<resource path>}.
 *
 * <p>Partition-aware ({@code aws}, {@code aws-cn}, {@code aws-us-gov}, ...), so policies built from it work in
 * every partition. Immutable and thread-safe.
 *
 * @param partition e.g. {@code aws}
 * @param region e.g. {@code eu-west-1}
 * @param account the 12-digit account id
 * @param apiId the REST API id
 * @param stage the stage name
 * @param method the HTTP method
 * @param resource the resource path without its leading slash, possibly empty (the root) or containing slashes;
 *     {@link #parse} refuses {@code *} and {@code ?} in it
 */
public record MethodArn(
    String partition, String region, String account, String apiId, String stage, String method, String resource) {

  // No nested quantifiers: matching time stays linear in the input, whatever an event carries. The method is a
  // name, never '*': API Gateway puts the request's own HTTP method in the ARN.
  private static final Pattern ARN = Pattern.compile(
      "arn:(aws[a-z-]*):execute-api:([a-z]{2}-[a-z0-9-]*[0-9]):([0-9]{12}):"
          + "([A-Za-z0-9]+)/([A-Za-z0-9_\\-]+)/([A-Z]+)/([!-~]*)");


  /**
   * Rejects nulls.
   *
   * @param partition such as {@code aws}
   * @param region such as {@code eu-west-1}
   * @param account the 12-digit account id
   * @param apiId the REST API id
   * @param stage the stage name
   * @param method the HTTP method
   * @param resource the resource path without its leading slash
   */
  public MethodArn {
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(apiId, "apiId");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(resource, "resource");
  }

  /**
   * Parses a method ARN as API Gateway sends it.
   *
   * @param arn the ARN
   * @return the parsed ARN
   * @throws IllegalArgumentException when {@code arn} is null or not an execute-api method ARN, or when its
   *     method or resource path holds {@code *} or {@code ?}, which IAM would read as wildcards
   */
  public static MethodArn parse(String arn) {
    if (arn == null || arn.length() > 2048) {
      throw new IllegalArgumentException("methodArn is missing or too long");
    }
    Matcher matcher = ARN.matcher(arn);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("methodArn is not an execute-api method ARN"
          + " (arn:<partition>:execute-api:<region>:<account>:<apiId>/<stage>/<method>/<resource>)");
    }
    String resource = matcher.group(7);
    if (resource.indexOf('*') >= 0 || resource.indexOf('?') >= 0) {
      // IAM's wildcards in an execute-api resource: a method-scoped policy copies the path, so it would allow
      // more than this request. No API Gateway resource can be defined with either character; a request path
      // that still carries one is refused (401) rather than answered with a wider policy.
      throw new IllegalArgumentException("methodArn has '*' or '?' in its resource path");
    }
    return new MethodArn(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4),
        matcher.group(5), matcher.group(6), resource);
  }

  /** {@return the ARN of every method and resource of this stage: {@code arn:...:<apiId>/<stage>/*}{@code /*}} */
  public String anyMethodInStage() {
    return prefix() + "/*/*";
  }

  /** {@return the ARN of exactly this method and resource, as parsed} */
  public String arn() {
    return prefix() + "/" + method + "/" + resource;
  }

  private String prefix() {
    return "arn:" + partition + ":execute-api:" + region + ":" + account + ":" + apiId + "/" + stage;
  }
}
