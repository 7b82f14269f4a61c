package dev.tokengate.localgateway;

/** The template cannot be served: its one-line message says what is wrong and, where it can, how to fix it. */
public final class TemplateException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  TemplateException(String message) {
    super(message);
  }
}
