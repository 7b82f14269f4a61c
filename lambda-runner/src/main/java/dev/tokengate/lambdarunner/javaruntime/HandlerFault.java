package dev.tokengate.lambdarunner.javaruntime;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The function cannot be run as configured: no such class, no usable handler method, a constructor that throws.
 * A fatal fault ends the runtime: thrown while loading, it is reported as an init error. A fault that is not fatal
 * answers every invocation instead, as the runtime client's does.
 */
final class HandlerFault extends Exception {

  private static final long serialVersionUID = 1L;

  private final String errorMessage;
  private final String errorType;
  private final String trace;
  private final boolean fatal;

  private HandlerFault(String errorMessage, String errorType, String trace, boolean fatal, Throwable cause) {
    super(errorMessage, cause, false, false);
    this.errorMessage = errorMessage;
    this.errorType = errorType;
    this.trace = trace;
    this.fatal = fatal;
  }

  /** A fault described by a message alone, not fatal. */
  static HandlerFault message(String errorMessage) {
    return new HandlerFault(errorMessage, null, null, false, null);
  }

  /** A fault caused by {@code cause}, reported with its class and its stack trace in the log. */
  static HandlerFault of(String errorMessage, Throwable cause, boolean fatal) {
    return new HandlerFault(errorMessage, cause.getClass().getName(), traceOf(cause), fatal, cause);
  }

  /** A fault that is {@code cause}, with its message (or class name). */
  static HandlerFault of(Throwable cause, boolean fatal) {
    return of(ErrorReport.messageOf(cause), cause, fatal);
  }

  boolean fatal() {
    return fatal;
  }

  /** The error document: message and type, no stack trace, as the runtime client reports its faults. */
  ErrorReport report() {
    return ErrorReport.of(errorMessage, errorType);
  }

  /** The lines the runtime client writes to the function's log for a fault: message, type, stack trace. */
  String logText() {
    if (errorType == null && trace == null) {
      return errorMessage + "\n";
    }
    return errorMessage + ": " + (errorType == null ? "" : errorType) + "\n" + (trace == null ? "" : trace) + "\n";
  }

  /** {@code thrown}'s stack trace as printed, without this runtime's frames. */
  static String traceOf(Throwable thrown) {
    StringWriter text = new StringWriter();
    ErrorReport.withoutRuntimeFrames(thrown).printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
