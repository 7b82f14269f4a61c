package dev.tokengate.lambdarunner.javaruntime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokengate.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvocationContextTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void countsDownToTheDeadlineAndStaysAtZeroAfterIt() {
    InvocationContext context = new InvocationContext(
        new Invocation("request-1", clock.millis() + 3000, "arn:fn", "Root=1-abc", new byte[0]),
        new FunctionInfo("Fn", "$LATEST", 512, "/aws/lambda/Fn", "local"), new StdoutLogger(), clock);

    assertThat(context.getRemainingTimeInMillis()).isEqualTo(3000);
    clock.advance(Duration.ofMillis(2500));
    assertThat(context.getRemainingTimeInMillis()).isEqualTo(500);
    clock.advance(Duration.ofSeconds(1));
    assertThat(context.getRemainingTimeInMillis()).isZero();
    assertThat(context.getXrayTraceId()).isEqualTo("Root=1-abc");
    assertThat(context.getLogGroupName()).isEqualTo("/aws/lambda/Fn");
  }

  @Test
  void readsTheFunctionFromLambdasVariablesWithLambdasDefaultMemory() {
    FunctionInfo function = FunctionInfo.from(Map.of("AWS_LAMBDA_FUNCTION_NAME", "Fn",
        "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST", "AWS_LAMBDA_LOG_STREAM_NAME", "local"));

    assertThat(function).isEqualTo(new FunctionInfo("Fn", "$LATEST", 128, null, "local"));
  }
}
