package dev.tokengate.lambdarunner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InvocationResultTest {

  @Test
  void aSuccessfulPayloadCannotBeChangedThroughTheArrayGivenOrReturned() {
    byte[] posted = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
    InvocationResult.Success success = new InvocationResult.Success(posted);

    posted[0] = 'X';
    success.payload()[1] = 'X';

    assertThat(new String(success.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
  }
}
