package dev.tokengate.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class or method only where AWS's runtime interface client has its JNI library (Linux on
 * x86_64 and aarch64); elsewhere JUnit reports it skipped, with the reason. For tests that start a function under
 * the client; everything else runs everywhere.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(NativeRuntimeClient.Condition.class)
public @interface EnabledWithNativeRuntimeClient {}
