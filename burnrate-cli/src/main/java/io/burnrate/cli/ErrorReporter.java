package io.burnrate.cli;

import io.burnrate.config.InvalidConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;

/**
 * A command's exception as one line on stderr (an invalid configuration as one line per problem, exit
 * code 2), the stack trace only with {@code --verbose}.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception error, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    if (error instanceof InvalidConfigException invalid) {
      for (String problem : invalid.problems()) {
        commandLine.getErr().println("error: " + problem);
      }
      return ExitCodes.USAGE;
    }
    commandLine.getErr().println("error: " + describe(error));
    if (BurnrateCommand.verbose()) {
      error.printStackTrace(commandLine.getErr());
    } else {
      commandLine.getErr().println("(run again with --verbose for details)");
    }
    return ExitCodes.FAILURE;
  }

  private static String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getMessage() == null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
