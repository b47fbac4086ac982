package io.burnrate.replay;

/**
 * An input a replay cannot use at all: a missing file, an unknown format, a header without a needed
 * column. Raised before any row is sent; the command reports it as bad usage (exit code 2).
 */
public final class ReplayInputException extends RuntimeException {
  public ReplayInputException(String message) {
    super(message);
  }

  public ReplayInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
