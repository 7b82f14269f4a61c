package dev.tokengate.lambdarunner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs one function like Lambda runs one execution environment: a JVM with the runtime interface client behind its
 * own Runtime API, kept warm between invocations, replaced by a new one (a cold start) after it crashed or timed
 * out. One invocation at a time, as in Lambda; concurrent callers wait their turn. Thread-safe.
 */
public final class FunctionRunner implements AutoCloseable {

  private static final Duration STARTUP_LIMIT = Duration.ofSeconds(60);

  private record Instance(Process process, RuntimeApi runtimeApi) {}

  private final FunctionConfiguration function;
  private final Path taskRoot;
  private final ChildJvm jvm;
  private final Map<String, String> localVariables;
  private final Consumer<String> output;
  private final Consumer<String> log;
  private final Clock clock;
  private Instance instance;
  private boolean closed;

  /**
   * A runner that starts no JVM before {@link #start} or the first {@link #invoke}.
   *
   * @param taskRoot the unpacked artifact (see {@link TaskRoot#prepare})
   * @param localVariables variables of this machine the function gets besides its own
   * @param output receives each line the function prints (stdout and stderr), as it printed it
   * @param log receives the runner's notes about the function, each naming it
   */
  public FunctionRunner(FunctionConfiguration function, Path taskRoot, ChildJvm jvm, Map<String, String> localVariables,
      Consumer<String> output, Consumer<String> log, Clock clock) {
    this.function = function;
    this.taskRoot = taskRoot;
    this.jvm = jvm;
    this.localVariables = Map.copyOf(localVariables);
    this.output = output;
    this.log = log;
    this.clock = clock;
  }

  private Duration timeout() {
    return Duration.ofSeconds(function.timeoutSeconds());
  }

  /**
   * Starts the function's JVM now, unless one is warm, so that a broken function is reported before the first
   * request.
   *
   * @throws FunctionStartException when the JVM cannot start, its init fails, it exits or is not ready in time
   */
  public synchronized void start() throws FunctionStartException {
    if (instance != null && !instance.process().isAlive()) {
      log.accept(function.name() + "'s JVM has exited; starting a new one");
      stopInstance();
    }
    if (instance == null) {
      instance = launch();
    }
  }

  /**
   * Invokes the function with one event, starting a JVM first if none is warm.
   *
   * @param limit how long the caller waits; the function's own Timeout applies when it is shorter
   * @return the function's answer, or a {@link InvocationResult.Failure} for every way it can fail
   */
  public synchronized InvocationResult invoke(byte[] event, Duration limit) {
    if (closed) {
      return new InvocationResult.Failure("Runtime.ExitError", "the function runner is closed");
    }
    try {
      start();
    } catch (FunctionStartException e) {
      log.accept(e.getMessage());
      return new InvocationResult.Failure("Runtime.InitError", e.getMessage());
    }
    Duration wait = limit.compareTo(timeout()) < 0 ? limit : timeout();
    CompletableFuture<InvocationResult> result = instance.runtimeApi().invoke(event, wait);
    try {
      return result.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // Lambda resets an environment whose invocation timed out; the next request starts a new JVM.
      log.accept(function.name() + " timed out after " + wait.toMillis() + " ms; its JVM is stopped");
      stopInstance();
      return new InvocationResult.Failure(InvocationResult.TIMED_OUT,
          "Task timed out after " + wait.toMillis() / 1000.0 + " seconds");
    } catch (ExecutionException e) {
      return new InvocationResult.Failure("Runtime.ExitError", String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new InvocationResult.Failure("Runtime.ExitError", "interrupted");
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    stopInstance();
  }

  private Instance launch() throws FunctionStartException {
    RuntimeApi runtimeApi;
    try {
      runtimeApi = RuntimeApi.start(function.arn(), clock);
    } catch (IOException e) {
      throw new FunctionStartException(function.name() + ": cannot serve its Runtime API: " + e.getMessage());
    }
    Process process;
    try {
      process = jvm.processBuilder(function, taskRoot, runtimeApi.address(), localVariables).start();
    } catch (IOException e) {
      runtimeApi.close();
      throw new FunctionStartException(function.name() + ": cannot start a JVM: " + e.getMessage());
    }
    pumpOutput(process);
    process.onExit().thenAccept(exited -> runtimeApi.abandon(new InvocationResult.Failure(
        "Runtime.ExitError", function.name() + "'s runtime exited with status " + exited.exitValue())));

    CompletableFuture<Object> ready = CompletableFuture.anyOf(runtimeApi.initialized(), process.onExit());
    try {
      ready.get(STARTUP_LIMIT.toSeconds(), TimeUnit.SECONDS);
      if (!process.isAlive() && !runtimeApi.initialized().isDone()) {
        throw new FunctionStartException(function.name() + " exited with status " + process.exitValue()
            + " before it was ready (its output is above)");
      }
      return new Instance(process, runtimeApi);
    } catch (ExecutionException e) {
      stop(process, runtimeApi);
      throw new FunctionStartException(function.name() + " failed to initialise: " + e.getCause().getMessage());
    } catch (TimeoutException e) {
      stop(process, runtimeApi);
      throw new FunctionStartException(function.name() + " was not ready within " + STARTUP_LIMIT.toSeconds()
          + " s (its output is above)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(process, runtimeApi);
      throw new FunctionStartException(function.name() + ": start interrupted");
    } catch (FunctionStartException e) {
      stop(process, runtimeApi);
      throw e;
    }
  }

  private void stopInstance() {
    if (instance != null) {
      stop(instance.process(), instance.runtimeApi());
      instance = null;
    }
  }

  private static void stop(Process process, RuntimeApi runtimeApi) {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    runtimeApi.close();
  }

  /** The function's stdout and stderr go to {@code output} one line at a time, as they go to its CloudWatch log. */
  private void pumpOutput(Process process) {
    Thread pump = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        lines.lines().forEach(output);
      } catch (IOException | UncheckedIOException e) {
        // The process is gone; there is nothing more to print.
      }
    }, function.name() + "-output");
    pump.setDaemon(true);
    pump.start();
  }
}
