package io.burnrate.cli;

import picocli.CommandLine;

/**
 * The commands a deployment runs (the pipeline, the Alertmanager bridge) and the ones that serve it:
 * replay, tail, and the documentation of the configuration and the topology. None of them needs the
 * devkit, so the server jar, which leaves it out, has all of them.
 */
final class ProductionCommands {
  private ProductionCommands() {}

  /** {@code burnrate} with the production commands, in the order {@code --help} lists them. */
  static CommandLine newCommandLine() {
    CommandLine cli = new CommandLine(new BurnrateCommand());
    cli.addSubcommand(CommandLine.HelpCommand.class);
    cli.addSubcommand(RunCommand.class);
    cli.addSubcommand(ForwardAlertsCommand.class);
    cli.addSubcommand(ReplayCommand.class);
    cli.addSubcommand(TailCommand.class);
    cli.addSubcommand(ConfigCommand.class);
    cli.addSubcommand(TopologyCommand.class);
    cli.setExecutionExceptionHandler(new ErrorReporter());
    return cli;
  }
}
