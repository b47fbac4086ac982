package io.burnrate.engine;

/** A closed hour kept for the trailing cost-per-request baseline. */
public final class ClosedHour {
  public final long hourStart;
  public long spendMicros;
  public long requests;
  public boolean costPerRequestFired;

  public ClosedHour(long hourStart, long spendMicros, long requests, boolean costPerRequestFired) {
    this.hourStart = hourStart;
    this.spendMicros = spendMicros;
    this.requests = requests;
    this.costPerRequestFired = costPerRequestFired;
  }
}
