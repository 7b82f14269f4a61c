package dev.tokengate.authorizer.secrets;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokengate.authorizer.DecisionLog;
import dev.tokengate.core.config.AuthorizerConfig;
import dev.tokengate.core.config.ConfigException;
import dev.tokengate.core.verify.HmacKey;
import dev.tokengate.core.verify.KeySource;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/** Chooses the {@link KeySource} the configuration asks for. Stateless and thread-safe. */
public final class KeySources {

  private KeySources() {}

  /**
   * The key source for a configuration: the secret of {@code JWT_SECRET_ARN} when set (which wins), otherwise the
   * static key of {@code JWT_SECRET}.
   *
   * <p>Only the {@code JWT_SECRET_ARN} branch refers to {@link SecretsManagerFetcher}, so with {@code JWT_SECRET}
   * the JVM never loads it, nor any class of the AWS SDK (a test proves it).
   *
   * @param config the validated configuration
   * @param env the environment, for the AWS SDK's standard variables (region, endpoint)
   * @param clock the wall clock the key cache measures ages with
   * @param log where key events are logged
   * @throws ConfigException when an AWS endpoint variable is not a URL
   */
  public static KeySource fromConfig(
      AuthorizerConfig config, Map<String, String> env, Clock clock, DecisionLog log) {
    if (config.secretArn().isPresent()) {
      // A mapper only here, to read a JSON secret: the JWT_SECRET path builds none (it costs ~100 ms of CPU).
      return RotatingKeySource.start(SecretsManagerFetcher.create(config.secretArn().get(), env),
          new SecretValue(new ObjectMapper()), config.secretCacheTtl(), clock, backgroundRefresher(), log);
    }
    return KeySource.of(HmacKey.fromSecret(config.secret().orElseThrow()));
  }

  /** One daemon thread, started on the first stale read, so that a refresh never holds a request. */
  private static Executor backgroundRefresher() {
    return Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "tokengate-key-refresh");
      thread.setDaemon(true);
      return thread;
    });
  }
}
