package io.burnrate.cli;

/** The exit codes of every command: 0 success, 1 run-time failure, 2 bad usage (as picocli's own). */
final class ExitCodes {
  static final int FAILURE = 1;
  static final int USAGE = 2;

  private ExitCodes() {}
}
