package dev.tokengate.lambdarunner.javaruntime;

import java.util.Map;

/**
 * What a function's {@code Context} says about the function itself, read once from the variables Lambda sets.
 * Immutable.
 */
record FunctionInfo(String name, String version, int memoryMb, String logGroupName, String logStreamName) {

  /** Lambda's default {@code MemorySize}, for an environment that does not say. */
  static final int DEFAULT_MEMORY_MB = 128;

  static FunctionInfo from(Map<String, String> environment) {
    int memory;
    try {
      memory = Integer.parseInt(environment.getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", ""));
    } catch (NumberFormatException e) {
      memory = DEFAULT_MEMORY_MB;
    }
    return new FunctionInfo(
        environment.get("AWS_LAMBDA_FUNCTION_NAME"),
        environment.get("AWS_LAMBDA_FUNCTION_VERSION"),
        memory,
        environment.get("AWS_LAMBDA_LOG_GROUP_NAME"),
        environment.get("AWS_LAMBDA_LOG_STREAM_NAME"));
  }
}
