package dev.tokengate.cli;

import java.io.Console;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the commands take from the process they run in: environment variables, standard input, the terminal
 * (when stdin is one) and the clock. Production uses {@link #system()}; tests pass literal values.
 *
 * @param env the environment variables
 * @param stdin standard input
 * @param terminal a no-echo prompt, present only when stdin is an interactive terminal
 * @param clock the time used when {@code --now} is not given
 */
record Host(Map<String, String> env, InputStream stdin, Optional<SecretPrompt> terminal, Clock clock) {

  Host {
    env = Map.copyOf(env);
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(terminal, "terminal");
    Objects.requireNonNull(clock, "clock");
  }

  /** The real process: {@code System.getenv()}, {@code System.in}, the console, the system clock. */
  static Host system() {
    Console console = System.console();
    Optional<SecretPrompt> terminal = console != null && isTerminal(console)
        ? Optional.of(prompt -> console.readPassword("%s", prompt))
        : Optional.empty();
    return new Host(System.getenv(), System.in, terminal, Clock.systemUTC());
  }

  /**
   * Up to Java 21 a console exists only on a terminal. From Java 22 {@code System.console()} may return one for
   * redirected streams too, and {@code Console.isTerminal()} (absent from the Java 17 API we compile against)
   * tells the difference; without it a piped run would wait for a prompt nobody sees.
   */
  private static boolean isTerminal(Console console) {
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
