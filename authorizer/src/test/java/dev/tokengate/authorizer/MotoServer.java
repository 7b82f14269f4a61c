package dev.tokengate.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * moto (AWS's API emulated by the moto project) in server mode on 127.0.0.1 and a free port, started from the
 * Python virtual environment that {@code .ci/run} installs ({@code -Dtokengate.python}, default
 * {@code .ci/cache/venv/bin/python}).
 */
final class MotoServer implements AutoCloseable {

  private static final String INSTALL_HINT =
      "install it first: python3 -m venv .ci/cache/venv && .ci/cache/venv/bin/pip install -r .ci/requirements.txt";

  private final Process process;
  private final int port;

  private MotoServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static MotoServer start(Path logFile) throws IOException, InterruptedException {
    Path python = Path.of(System.getProperty("tokengate.python", "../.ci/cache/venv/bin/python"));
    assertThat(python).as("Python with moto (%s)", INSTALL_HINT).isRegularFile();
    int port = freePort();
    Process process = new ProcessBuilder(python.toString(), "-m", "moto.server", "-H", "127.0.0.1", "-p",
        String.valueOf(port))
        .redirectErrorStream(true)
        .redirectOutput(logFile.toFile())
        .start();
    MotoServer server = new MotoServer(process, port);
    server.awaitListening(Duration.ofSeconds(60));
    return server;
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  private void awaitListening(Duration limit) throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      assertThat(process.isAlive()).as("moto_server is running (see its log)").isTrue();
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    close();
    throw new AssertionError("moto_server did not listen on port " + port + " within " + limit);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
  }
}
