package dev.tokengate.localgateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Creates the JDK's HTTP servers of local-gateway, bound to 127.0.0.1 only. */
final class LoopbackHttpServer {

  static {
    // Without TCP_NODELAY every small response waits for a delayed ACK (about 40 ms on Linux), which would make
    // every Runtime API round trip, and so every invocation, slower than Lambda's. Read once by the JDK, at the
    // first server it creates.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private LoopbackHttpServer() {}

  /**
   * @param port 0 for any free port
   * @throws java.net.BindException when the port is taken
   */
  static HttpServer create(int port, int backlog) throws IOException {
    return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
  }
}
