package io.burnrate.replay;

/**
 * A replay that stopped part way: a row could not be sent, or an input could not be read to its end.
 * Carries what was done until then. Rows already sent stay sent; replaying the same files again is
 * safe, because the pipeline de-duplicates line items by {@code line_item_id}.
 */
public final class ReplayFailedException extends RuntimeException {
  private final transient ReplaySummary partial;

  public ReplayFailedException(String message, Throwable cause, ReplaySummary partial) {
    super(message, cause);
    this.partial = partial;
  }

  public ReplayFailedException(String message, Throwable cause) {
    this(message, cause, null);
  }

  /** What the replay did before it stopped, or null when unknown. */
  public ReplaySummary partial() {
    return partial;
  }

  ReplayFailedException withPartial(ReplaySummary summary) {
    return new ReplayFailedException(getMessage(), getCause(), summary);
  }
}
