package dev.tokengate.localgateway;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** What local-gateway sends back to the client: a status, headers and the body bytes. */
record HttpReply(int status, Map<String, List<String>> headers, byte[] body) {

  HttpReply {
    headers = Map.copyOf(headers);
  }

  static HttpReply json(int status, String body) {
    return new HttpReply(status, Map.of("Content-Type", List.of("application/json")),
        body.getBytes(StandardCharsets.UTF_8));
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
