package dev.tokengate.localgateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler rules are FunctionConfiguration's (lambda-runner); here, that a template's function obeys them. */
class LambdaFunctionTest {

  @Test
  void keepsAJavaHandler() {
    assertThat(function("dev.tokengate.hello.HelloHandler::handleRequest").configuration().handler())
        .isEqualTo("dev.tokengate.hello.HelloHandler::handleRequest");
  }

  @Test
  void refusesAHandlerThatIsNotAJavaClassBeforeItReachesACommandLine() {
    assertThatThrownBy(() -> function("-XX:+PrintFlagsFinal"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Fn: Handler is not package.Class::method");
  }

  private static LambdaFunction function(String handler) {
    return new LambdaFunction("Fn", Path.of("fn.jar"), handler, 128, 3, Map.of(), List.of());
  }
}
