package dev.tokengate.lambdarunner.javaruntime;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Clock;

/**
 * The {@code Context} a handler gets for one invocation. Nothing reaches it from a mobile SDK locally, so it has
 * no client context nor Cognito identity. Immutable.
 */
final class InvocationContext implements Context {

  private final Invocation invocation;
  private final FunctionInfo function;
  private final LambdaLogger logger;
  private final Clock clock;

  InvocationContext(Invocation invocation, FunctionInfo function, LambdaLogger logger, Clock clock) {
    this.invocation = invocation;
    this.function = function;
    this.logger = logger;
    this.clock = clock;
  }

  @Override
  public String getAwsRequestId() {
    return invocation.requestId();
  }

  @Override
  public String getLogGroupName() {
    return function.logGroupName();
  }

  @Override
  public String getLogStreamName() {
    return function.logStreamName();
  }

  @Override
  public String getFunctionName() {
    return function.name();
  }

  @Override
  public String getFunctionVersion() {
    return function.version();
  }

  @Override
  public String getInvokedFunctionArn() {
    return invocation.functionArn();
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  /** Never negative: past the deadline, 0. */
  @Override
  public int getRemainingTimeInMillis() {
    long remaining = invocation.deadlineMillis() - clock.millis();
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
  }

  @Override
  public int getMemoryLimitInMB() {
    return function.memoryMb();
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }

  @Override
  public String getXrayTraceId() {
    return invocation.traceId();
  }
}
