package dev.tokengate.authorizer;

/** Chooses the {@link KeySource} the configuration asks for. Stateless and thread-safe. */
final class KeySources {

  private KeySources() {}

  /**
   * The key source for a configuration: the static key of {@code JWT_SECRET}.
   *
   * @throws ConfigException when {@code JWT_SECRET_ARN} is set: Secrets Manager is not supported yet, and
   *     silently falling back to {@code JWT_SECRET} would verify with a key the operator did not mean
   */
  static KeySource fromConfig(AuthorizerConfig config) {
    if (config.secretArn().isPresent()) {
      throw new ConfigException(AuthorizerConfig.JWT_SECRET_ARN, AuthorizerConfig.JWT_SECRET_ARN
          + " is not supported yet: unset it and set " + AuthorizerConfig.JWT_SECRET + " to the key instead");
    }
    return KeySource.of(HmacKey.fromSecret(config.secret().orElseThrow()));
  }
}
