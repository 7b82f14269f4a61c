package dev.tokengate.lambdarunner;

import java.io.IOException;

/**
 * AWS's runtime interface client cannot run on this machine: it ships its JNI library for Linux on x86_64 and
 * aarch64 only. The message says which machine this is; the pure-Java runtime ({@link ChildJvm#pureJava}) runs
 * anywhere.
 */
public final class NativeClientUnavailableException extends IOException {

  private static final long serialVersionUID = 1L;

  /** @param message which machine this is, and what the client supports */
  public NativeClientUnavailableException(String message) {
    super(message);
  }
}
