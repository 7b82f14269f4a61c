package dev.tokengate.core.arn;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Secrets Manager secret ARN, parsed once:
 * {@code arn:<partition>:secretsmanager:<region>:<account>:secret:<name>}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param partition e.g. {@code aws}
 * @param region e.g. {@code eu-west-1}
 * @param account the 12-digit account id
 * @param name the secret's name, with the random suffix Secrets Manager appends when it is part of the ARN
 */
public record SecretArn(String partition, String region, String account, String name) {

  // No nested quantifiers: matching time stays linear in the input.
  private static final Pattern ARN = Pattern.compile(
      "arn:(aws[a-z\\-]*):secretsmanager:([a-z0-9\\-]+):([0-9]{12}):secret:([A-Za-z0-9/_+=.@\\-]+)");

  /**
   * Rejects nulls.
   *
   * @param partition such as {@code aws}
   * @param region such as {@code eu-west-1}
   * @param account the 12-digit account id
   * @param name the secret's name, with the random suffix when the ARN has one
   */
  public SecretArn {
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(name, "name");
  }

  /**
   * Parses a secret ARN.
   *
   * @param arn the ARN
   * @return the parsed ARN
   * @throws IllegalArgumentException when {@code arn} is null or not a Secrets Manager secret ARN
   */
  public static SecretArn parse(String arn) {
    if (arn == null || arn.length() > 2048) {
      throw new IllegalArgumentException("the secret ARN is missing or too long");
    }
    Matcher matcher = ARN.matcher(arn);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "not a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>)");
    }
    return new SecretArn(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4));
  }

  /** {@return the ARN as text, exactly as parsed} */
  public String arn() {
    return "arn:" + partition + ":secretsmanager:" + region + ":" + account + ":secret:" + name;
  }
}
