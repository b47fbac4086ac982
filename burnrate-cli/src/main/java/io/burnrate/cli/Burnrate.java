package io.burnrate.cli;

import picocli.CommandLine;

/**
 * {@code burnrate <subcommand>} with every command: the production ones and the devkit's (demo,
 * local, simulate, bench). The shaded {@code burnrate.jar} runs it; the container runs {@link
 * BurnrateServer} instead. Exit codes: 0 success, 1 run-time failure, 2 bad usage.
 */
public final class Burnrate {
  private Burnrate() {}

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  public static CommandLine newCommandLine() {
    return DevkitCommands.addTo(ProductionCommands.newCommandLine());
  }
}
