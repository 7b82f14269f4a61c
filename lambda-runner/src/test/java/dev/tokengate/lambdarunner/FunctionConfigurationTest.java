package dev.tokengate.lambdarunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FunctionConfigurationTest {

  @ParameterizedTest
  @ValueSource(strings = {"dev.tokengate.hello.HelloHandler::handleRequest", "app.Handler", "Handler",
      "a.Outer$Inner::handle", "_x.y1::$z"})
  void acceptsJavaClassNamesWithAnOptionalMethod(String handler) {
    assertThat(FunctionConfiguration.isJavaHandler(handler)).isTrue();
    assertThat(function(handler).handler()).isEqualTo(handler);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-XX:+PrintFlagsFinal", "app.handler extra", "a..B", ".a.B", "a.B.", "a.B::",
      "::handle", "a.B::c::d", "a.B::c()", "1a.B", "a/B", "a.B;c", "a.B\n", "caf\u00e9.Handler"})
  void refusesAnythingElseBeforeItReachesACommandLine(String handler) {
    assertThat(FunctionConfiguration.isJavaHandler(handler)).isFalse();
    assertThatThrownBy(() -> function(handler))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Fn: Handler is not package.Class::method");
  }

  @Test
  void isNamedByAnArnInTheLocalAccount() {
    assertThat(function("app.Handler").arn()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:Fn");
  }

  private static FunctionConfiguration function(String handler) {
    return new FunctionConfiguration("Fn", handler, 128, 3, Map.of());
  }
}
