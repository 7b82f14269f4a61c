package dev.tokengate.lambdarunner;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Creates the JDK's HTTP servers of the Runtime API and of its users, bound to 127.0.0.1 only. Stateless. */
public final class LoopbackHttpServer {

  static {
    // Without TCP_NODELAY every small response waits for a delayed ACK (about 40 ms on Linux), which would make
    // every Runtime API round trip, and so every invocation, slower than Lambda's. Read once by the JDK, at the
    // first server it creates: whoever creates one, creates it here.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private LoopbackHttpServer() {}

  /**
   * An unstarted server on 127.0.0.1, with TCP_NODELAY on its connections.
   *
   * @param port 0 for any free port
   * @param backlog the listen backlog, 0 for the system's default
   * @throws java.net.BindException when the port is taken
   * @throws IOException when the server cannot be created
   */
  public static HttpServer create(int port, int backlog) throws IOException {
    return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
  }
}
