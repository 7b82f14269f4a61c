package dev.tokengate.testing;

import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Whether AWS's runtime interface client can run on this machine: its HTTP client is a JNI library, which it ships
 * for Linux on x86_64 and aarch64 only. Tests that start a function under the client ask here, through
 * {@link EnabledWithNativeRuntimeClient}; lambda-runner decides the same for local-gateway, and its tests check that
 * both agree ({@link #supports}). Stateless.
 */
public final class NativeRuntimeClient {

  private static final Set<String> ARCHITECTURES = Set.of("amd64", "x86_64", "aarch64");

  private NativeRuntimeClient() {}

  /** Whether the client's JNI library exists for this JVM's {@code os.name} and {@code os.arch}. */
  static boolean isAvailable() {
    return supports(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
  }

  /** Whether the client ships a JNI library for a JVM reporting these {@code os.name} and {@code os.arch}. */
  public static boolean supports(String osName, String osArch) {
    return osName.toLowerCase(Locale.ROOT).startsWith("linux") && ARCHITECTURES.contains(osArch);
  }

  /** Why a test that needs the client does not run here. */
  static String unavailableReason() {
    return "AWS's runtime interface client ships its JNI library for Linux on x86_64 and aarch64 only, not for "
        + System.getProperty("os.name") + " " + System.getProperty("os.arch");
  }

  /** The condition behind {@link EnabledWithNativeRuntimeClient}. */
  public static final class Condition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return isAvailable()
          ? ConditionEvaluationResult.enabled("AWS's runtime interface client has a JNI library for this machine")
          : ConditionEvaluationResult.disabled(unavailableReason());
    }
  }
}
