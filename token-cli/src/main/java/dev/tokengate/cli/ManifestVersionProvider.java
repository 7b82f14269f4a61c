package dev.tokengate.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest, which the build writes, so it never drifts from the POM. */
final class ManifestVersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = TokenCli.class.getPackage().getImplementationVersion();
    return new String[] {"token-cli " + (version != null ? version : "(development build, no jar manifest)")};
  }
}
