package io.burnrate.cli;

import ch.qos.logback.classic.Level;
import io.burnrate.config.InvalidConfigException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The single entry point: {@code burnrate <subcommand>}. Exit codes: 0 success, 1 run-time failure, 2 bad usage. */
@Command(
    name = "burnrate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Streaming cost-anomaly detection for AI inference endpoints.",
    subcommands = {
      CommandLine.HelpCommand.class,
      DemoCommand.class,
      RunCommand.class,
      TopologyCommand.class,
      ConfigCommand.class,
      LocalCommand.class,
      TailCommand.class,
      SimulateCommand.class,
      ForwardAlertsCommand.class,
      BenchCommand.class,
      ReplayCommand.class
    })
public final class Burnrate implements Runnable {
  static final int EXIT_FAILURE = 1;
  static final int EXIT_USAGE = 2;

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

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  public static CommandLine newCommandLine() {
    CommandLine cli = new CommandLine(new Burnrate());
    cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
      if (error instanceof InvalidConfigException invalid) {
        for (String problem : invalid.problems()) {
          commandLine.getErr().println("error: " + problem);
        }
        return EXIT_USAGE;
      }
      commandLine.getErr().println("error: " + describe(error));
      if (verbose) {
        error.printStackTrace(commandLine.getErr());
      } else {
        commandLine.getErr().println("(run again with --verbose for details)");
      }
      return EXIT_FAILURE;
    });
    return cli;
  }

  private static String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getMessage() == null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
