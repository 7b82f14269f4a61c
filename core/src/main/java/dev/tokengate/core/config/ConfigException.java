package dev.tokengate.core.config;

/**
 * A configuration value is missing or invalid. The message names the variable and what is allowed; it never
 * contains the value of a secret.
 *
 * <p>Thrown once, at init: a misconfigured authorizer fails closed instead of answering requests.
 */
public final class ConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String variable;

  public ConfigException(String variable, String message) {
    super(message);
    this.variable = variable;
  }

  /** The environment variable at fault, e.g. {@code JWT_SECRET}. */
  public String variable() {
    return variable;
  }
}
