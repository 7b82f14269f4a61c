package dev.tokengate.localgateway;

import org.junit.jupiter.api.BeforeAll;

/** The end-to-end checks with the functions under the pure-Java runtime ({@code --runtime java}), on any system. */
class JavaRuntimeEndToEndTest extends LocalApiEndToEndTest {

  @BeforeAll
  static void startUnderThePureJavaRuntime() throws Exception {
    start(FunctionRuntime.JAVA);
  }
}
