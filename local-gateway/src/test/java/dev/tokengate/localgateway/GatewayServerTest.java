package dev.tokengate.localgateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GatewayServerTest {

  @Test
  void listensOnLoopbackOnly() throws Exception {
    try (GatewayServer server = GatewayServer.bind(0)) {
      assertThat(server.boundAddress().getAddress().isLoopbackAddress()).isTrue();
      assertThat(server.boundAddress().getPort()).isEqualTo(server.port()).isPositive();
    }
  }
}
