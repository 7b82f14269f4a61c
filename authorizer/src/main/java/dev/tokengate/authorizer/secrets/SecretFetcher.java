package dev.tokengate.authorizer.secrets;

import java.util.Optional;

/**
 * Reads one version stage of the key's secret. The Secrets Manager implementation is the only code that touches
 * the AWS SDK; tests pass a fake.
 *
 * <p>Implementations must be thread-safe, bound every call with short timeouts and never retry on their own: the
 * {@link RotatingKeySource} decides when to try again.
 */
public interface SecretFetcher {

  /** The stage Secrets Manager gives the newest version of a secret. */
  String AWSCURRENT = "AWSCURRENT";
  /** The stage Secrets Manager moves the replaced version to when a new one becomes current. */
  String AWSPREVIOUS = "AWSPREVIOUS";

  /**
   * The secret string stored in a version stage.
   *
   * @param versionStage {@link #AWSCURRENT} or {@link #AWSPREVIOUS}
   * @return the value exactly as stored; empty when the secret has no version in that stage (or does not exist)
   * @throws SecretFetchException when the value cannot be had (timeout, unreachable, throttled, access denied,
   *     deleted, binary); the message says why and never contains the value
   */
  Optional<String> fetch(String versionStage) throws SecretFetchException;
}
