package io.burnrate.rules;

/** A closed hour kept for the trailing cost-per-request baseline and the billing drift. */
public final class ClosedHour {
  public final long hourStart;
  public long spendMicros;
  public long requests;
  public boolean costPerRequestFired;
  /** Metered estimate of the hour (compute and cold-start transfer). */
  public long meteredMicros;
  /** Billed amount of the same categories, once the bill is in. */
  public long billedMeterableMicros;
  /** Busy time of its warm requests and its ready replica time, for its utilization. */
  public long busyMicros;
  public long readyReplicaMs;

  public ClosedHour(long hourStart, long spendMicros, long requests, boolean costPerRequestFired) {
    this.hourStart = hourStart;
    this.spendMicros = spendMicros;
    this.requests = requests;
    this.costPerRequestFired = costPerRequestFired;
  }

  public ClosedHour withUse(long busy, long ready) {
    this.busyMicros = busy;
    this.readyReplicaMs = ready;
    return this;
  }

  public ClosedHour withMeteredAndBilled(long metered, long billed) {
    this.meteredMicros = metered;
    this.billedMeterableMicros = billed;
    return this;
  }
}
