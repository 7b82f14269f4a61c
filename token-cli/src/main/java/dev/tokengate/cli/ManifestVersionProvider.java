package dev.tokengate.cli;

import dev.tokengate.core.Version;
import picocli.CommandLine.IVersionProvider;

/** picocli's view of the version the build wrote into token-cli.jar's manifest. */
final class ManifestVersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {"token-cli " + Version.of(TokenCli.class)};
  }
}
