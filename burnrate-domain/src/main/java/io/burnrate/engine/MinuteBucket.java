package io.burnrate.engine;

import io.burnrate.meter.Category;
import io.burnrate.rules.LatencyBins;

/** One minute of an endpoint's recent activity, for the rules over "any 60 minutes". */
public final class MinuteBucket {
  public final long minuteStart;
  public final long[] metered = new long[Category.METERED_COUNT];
  public final long[] billed = new long[Category.COUNT];
  public long coldStarts;
  public long requests;
  public long errors;
  /** Requests that did not wait for a cold start, and those of them slower than the latency limit. */
  public long warmRequests;
  public long slowRequests;
  /**
   * Warm requests by {@link LatencyBins} bin of the latency limit, but for the first bin (the warm
   * requests less the others); null while every one fell in the first. The slowest of the last bin.
   */
  public long[] latencyBins;
  public double slowestMs;
  /** The deepest queue a request of this minute saw. */
  public int maxQueueDepth;
  /** Requests that saw a queue deeper than the limit. */
  public long deepQueueRequests;

  public MinuteBucket(long minuteStart) {
    this.minuteStart = minuteStart;
  }
}
