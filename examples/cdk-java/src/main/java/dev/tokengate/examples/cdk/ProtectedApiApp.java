package dev.tokengate.examples.cdk;

import software.amazon.awscdk.App;

/**
 * The CDK app that {@code cdk.json} runs: one stack, {@code ProtectedApi}, configured from the CDK context (see
 * {@link ProtectedApiSettings}).
 */
public final class ProtectedApiApp {

  /** The construct id and stack name of the API stack. */
  public static final String STACK_NAME = "ProtectedApi";

  private ProtectedApiApp() {}

  /**
   * Synthesizes the app into the cloud assembly the CDK CLI reads. A bad context value ends it with a one-line
   * message and exit code 2.
   */
  public static void main(String[] args) {
    App app = new App();
    try {
      build(app);
    } catch (IllegalArgumentException e) {
      System.err.println(STACK_NAME + ": " + e.getMessage());
      System.exit(2);
    }
    app.synth();
  }

  /**
   * Adds the API stack to {@code app}, configured from the app's context.
   *
   * @throws IllegalArgumentException when a context value is not valid
   */
  public static ProtectedApiStack build(App app) {
    ProtectedApiSettings settings = ProtectedApiSettings.fromContext(app.getNode()::tryGetContext);
    return new ProtectedApiStack(app, STACK_NAME, settings);
  }
}
