package dev.tokengate.localgateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LambdaFunctionTest {

  @ParameterizedTest
  @ValueSource(strings = {"dev.tokengate.hello.HelloHandler::handleRequest", "app.Handler", "Handler",
      "a.Outer$Inner::handle", "_x.y1::$z"})
  void acceptsJavaClassNamesWithAnOptionalMethod(String handler) {
    assertThat(LambdaFunction.isJavaHandler(handler)).isTrue();
    assertThat(function(handler).handler()).isEqualTo(handler);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-XX:+PrintFlagsFinal", "app.handler extra", "a..B", ".a.B", "a.B.", "a.B::",
      "::handle", "a.B::c::d", "a.B::c()", "1a.B", "a/B", "a.B;c", "a.B\n", "caf\u00e9.Handler"})
  void refusesAnythingElseBeforeItReachesACommandLine(String handler) {
    assertThat(LambdaFunction.isJavaHandler(handler)).isFalse();
    assertThatThrownBy(() -> function(handler))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Fn: Handler is not package.Class::method");
  }

  private static LambdaFunction function(String handler) {
    return new LambdaFunction("Fn", Path.of("fn.jar"), handler, 128, 3, Map.of(), List.of());
  }
}
