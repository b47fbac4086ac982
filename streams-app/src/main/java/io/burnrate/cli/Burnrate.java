package io.burnrate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The single entry point: {@code burnrate <subcommand>}. */
@Command(
    name = "burnrate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Streaming cost-anomaly detection for AI inference endpoints.",
    subcommands = {CommandLine.HelpCommand.class, LocalCommand.class})
public final class Burnrate implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  public static CommandLine newCommandLine() {
    return new CommandLine(new Burnrate());
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
