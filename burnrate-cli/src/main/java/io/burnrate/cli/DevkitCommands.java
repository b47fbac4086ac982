package io.burnrate.cli;

import picocli.CommandLine;

/**
 * The commands that run Burnrate without a cluster or measure it, on the devkit's embedded broker,
 * registry, simulator and bench. Only the full jar has them.
 */
final class DevkitCommands {
  private DevkitCommands() {}

  static CommandLine addTo(CommandLine cli) {
    cli.addSubcommand(DemoCommand.class);
    cli.addSubcommand(LocalCommand.class);
    cli.addSubcommand(SimulateCommand.class);
    cli.addSubcommand(BenchCommand.class);
    return cli;
  }
}
