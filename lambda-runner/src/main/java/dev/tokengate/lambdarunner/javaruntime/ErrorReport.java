package dev.tokengate.lambdarunner.javaruntime;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.GsonFactory;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The error document the runtime posts to the Runtime API: {@code {"errorMessage":...,"errorType":...,
 * "stackTrace":[...]}}, written as the runtime client writes its own (Gson from aws-lambda-java-serialization, no
 * member for a null value). API Gateway's 401 for an authorizer's {@code Unauthorized} is read from it. Immutable.
 */
final class ErrorReport {

  /** Frames from here down are the runtime's, not the function's; like the runtime client, we cut them off. */
  private static final String RUNTIME_PACKAGE = ErrorReport.class.getPackageName();

  // Read by Gson through reflection, in this order.
  private final String errorMessage;
  private final String errorType;
  private final List<String> stackTrace;

  private ErrorReport(String errorMessage, String errorType, List<String> stackTrace) {
    this.errorMessage = errorMessage;
    this.errorType = errorType;
    this.stackTrace = stackTrace == null ? null : List.copyOf(stackTrace);
  }

  /** A fault of the runtime's own making (no handler, init failed): message and type, no stack trace. */
  static ErrorReport of(String errorMessage, String errorType) {
    return new ErrorReport(errorMessage, errorType, null);
  }

  /** What a handler threw: its message (its class name when it has none), its class and its own frames. */
  static ErrorReport of(Throwable thrown) {
    withoutRuntimeFrames(thrown);
    List<String> frames = new ArrayList<>();
    for (StackTraceElement frame : thrown.getStackTrace()) {
      frames.add(frame.toString());
    }
    return new ErrorReport(messageOf(thrown), thrown.getClass().getName(), frames);
  }

  static String messageOf(Throwable thrown) {
    String message = thrown.getLocalizedMessage();
    return message == null ? thrown.getClass().getName() : message;
  }

  /**
   * Removes, from {@code thrown}, its causes and suppressed exceptions, every frame from the first one of this
   * runtime down, so that a stack trace shows the function's code only.
   */
  static <T extends Throwable> T withoutRuntimeFrames(T thrown) {
    cut(thrown, Collections.newSetFromMap(new IdentityHashMap<>()));
    return thrown;
  }

  private static void cut(Throwable thrown, Set<Throwable> seen) {
    if (thrown == null || !seen.add(thrown)) {
      return;
    }
    StackTraceElement[] frames = thrown.getStackTrace();
    for (int i = 0; i < frames.length; i++) {
      if (frames[i].getClassName().startsWith(RUNTIME_PACKAGE)) {
        thrown.setStackTrace(Arrays.copyOf(frames, i));
        break;
      }
    }
    cut(thrown.getCause(), seen);
    for (Throwable suppressed : thrown.getSuppressed()) {
      cut(suppressed, seen);
    }
  }

  String errorMessage() {
    return errorMessage;
  }

  /** Null for a fault that names no exception class. */
  String errorType() {
    return errorType;
  }

  /** Null for a fault of the runtime's own making. */
  List<String> stackTrace() {
    return stackTrace;
  }

  byte[] toJson() {
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    Json.SERIALIZER.toJson(this, json);
    return json.toByteArray();
  }

  /** Created on first use, as the runtime client creates its own. */
  private static final class Json {
    static final PojoSerializer<ErrorReport> SERIALIZER = GsonFactory.getInstance().getSerializer(ErrorReport.class);
  }
}
