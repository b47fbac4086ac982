package io.burnrate.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = BurnrateCommand.class.getPackage().getImplementationVersion();
    return new String[] {"burnrate " + (version == null ? "development" : version)};
  }
}
