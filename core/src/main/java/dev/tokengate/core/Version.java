package dev.tokengate.core;

/**
 * The version a build wrote into a jar's manifest ({@code Implementation-Version}), so that {@code --version}
 * never drifts from the POM. Stateless and thread-safe.
 */
public final class Version {

  private static final String UNKNOWN = "unknown";

  private Version() {}

  /**
   * The version of the jar a class was loaded from.
   *
   * @param type a class of the tool or library whose version is wanted
   * @return the manifest's {@code Implementation-Version}, or {@code "unknown"} when the class was not loaded
   *     from a built jar (e.g. from {@code target/classes} in an IDE or a test)
   */
  public static String of(Class<?> type) {
    Package in = type.getPackage();
    String version = in == null ? null : in.getImplementationVersion();
    return version == null || version.isBlank() ? UNKNOWN : version;
  }
}
