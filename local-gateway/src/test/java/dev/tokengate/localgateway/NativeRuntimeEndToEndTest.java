package dev.tokengate.localgateway;

import dev.tokengate.testing.EnabledWithNativeRuntimeClient;
import org.junit.jupiter.api.BeforeAll;

/** The end-to-end checks with the functions under AWS's runtime interface client ({@code --runtime native}). */
@EnabledWithNativeRuntimeClient
class NativeRuntimeEndToEndTest extends LocalApiEndToEndTest {

  @BeforeAll
  static void startUnderTheRuntimeClient() throws Exception {
    start(FunctionRuntime.NATIVE);
  }
}
