package io.burnrate.cli;

import picocli.CommandLine;

/**
 * {@code burnrate <subcommand>} with the production commands only, the main class of {@code
 * burnrate-server.jar}, the container's jar, which has no devkit and no Kafka broker in it. Exit codes
 * as {@link Burnrate}'s.
 */
public final class BurnrateServer {
  private BurnrateServer() {}

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  public static CommandLine newCommandLine() {
    return ProductionCommands.newCommandLine();
  }
}
