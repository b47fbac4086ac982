package io.burnrate.engine;

/** One running replica as the meter knows it. {@code readyAt} is {@link #NOT_READY} until READY. */
public final class ReplicaRun {
  public static final long NOT_READY = Long.MIN_VALUE;

  public final String replicaId;
  public final long startedAt;
  /** Price of this replica per hour in micro-dollars, 0 when unknown (then billed only). */
  public final long microsPerHour;
  public long readyAt;

  public ReplicaRun(String replicaId, long startedAt, long microsPerHour, long readyAt) {
    this.replicaId = replicaId;
    this.startedAt = startedAt;
    this.microsPerHour = microsPerHour;
    this.readyAt = readyAt;
  }

  public boolean ready() {
    return readyAt != NOT_READY;
  }
}
