package io.burnrate.cli;

import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code burnrate} itself, without its subcommands: the options every command inherits. {@link
 * ProductionCommands} and {@link DevkitCommands} add the subcommands.
 */
@Command(
    name = "burnrate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Streaming cost-anomaly detection for AI inference endpoints.")
final class BurnrateCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private static boolean verbose;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Log Burnrate at DEBUG and show stack traces of errors.")
  void setVerbose(boolean value) {
    verbose = value;
    if (value) {
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.burnrate")).setLevel(Level.DEBUG);
    }
  }

  static boolean verbose() {
    return verbose;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
