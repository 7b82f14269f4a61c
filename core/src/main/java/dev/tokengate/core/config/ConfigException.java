package dev.tokengate.core.config;

/**
 * A configuration value is missing or invalid. The message names the variable and what is allowed; it never
 * contains the value of a secret.
 *
 * <p>Thrown once, at init: a misconfigured authorizer fails closed instead of answering requests.
 */
public final class ConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** The environment variable at fault. */
  private final String variable;

  /**
   * A problem with one setting.
   *
   * @param variable the environment variable at fault, such as {@code JWT_SECRET}
   * @param message what is wrong and what is allowed, naming the variable; never a secret's value
   */
  public ConfigException(String variable, String message) {
    super(message);
    this.variable = variable;
  }

  /** {@return the environment variable at fault, such as {@code JWT_SECRET}} */
  public String variable() {
    return variable;
  }
}
