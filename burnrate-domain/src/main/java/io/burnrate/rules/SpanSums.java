package io.burnrate.rules;

import io.burnrate.meter.Category;

/** The sums of a span of minute buckets: what the sliding-span and baseline rules judge. */
public class SpanSums {
  public final long[] metered = new long[Category.METERED_COUNT];
  public final long[] billed = new long[Category.COUNT];
  public long coldStarts;
  public long requests;
  public long errors;
  /** Requests that did not wait for a cold start, and those of them slower than the latency limit. */
  public long warmRequests;
  public long slowRequests;
  /** Warm requests by {@link LatencyBins} bin but the first, and the slowest of the last bin. */
  private final long[] latencyBins = new long[LatencyBins.COUNT];
  public double slowestMs;
  public long deepQueueRequests;
  public int maxQueueDepth;

  /** Adds another span's sums: the totals of the two spans together. */
  public void add(SpanSums other) {
    add(other.metered, other.billed, other.coldStarts, other.requests, other.errors, other.warmRequests,
        other.slowRequests, other.deepQueueRequests, other.maxQueueDepth);
    addLatencies(other.latencyBins, other.slowestMs);
  }

  protected final void add(long[] meteredMicros, long[] billedMicros, long coldStarts, long requests, long errors,
      long warmRequests, long slowRequests, long deepQueueRequests, int maxQueueDepth) {
    for (int c = 0; c < metered.length; c++) {
      metered[c] += meteredMicros[c];
    }
    for (int c = 0; c < billed.length; c++) {
      billed[c] += billedMicros[c];
    }
    this.coldStarts += coldStarts;
    this.requests += requests;
    this.errors += errors;
    this.warmRequests += warmRequests;
    this.slowRequests += slowRequests;
    this.deepQueueRequests += deepQueueRequests;
    this.maxQueueDepth = Math.max(this.maxQueueDepth, maxQueueDepth);
  }

  /**
   * Takes back what {@link #add(long[], long[], long, long, long, long, long, long, int)} and {@link
   * #addLatencies} added for one bucket, but its maxima: the caller knows they were not the span's.
   */
  protected final void subtract(long[] meteredMicros, long[] billedMicros, long coldStarts, long requests,
      long errors, long warmRequests, long slowRequests, long deepQueueRequests, long[] bins) {
    for (int c = 0; c < metered.length; c++) {
      metered[c] -= meteredMicros[c];
    }
    for (int c = 0; c < billed.length; c++) {
      billed[c] -= billedMicros[c];
    }
    this.coldStarts -= coldStarts;
    this.requests -= requests;
    this.errors -= errors;
    this.warmRequests -= warmRequests;
    this.slowRequests -= slowRequests;
    this.deepQueueRequests -= deepQueueRequests;
    if (bins != null) {
      for (int i = 1; i < bins.length; i++) {
        latencyBins[i] -= bins[i];
      }
    }
  }

  /** Adds bins counted as in {@link #latencyBins()}, but for the first; null: all in the first. */
  protected final void addLatencies(long[] bins, double slowest) {
    if (bins == null) {
      return;
    }
    for (int i = 1; i < bins.length; i++) {
      latencyBins[i] += bins[i];
    }
    slowestMs = Math.max(slowestMs, slowest);
  }

  /** Adds {@code count} warm requests to the bin of {@code latencyMs} under the limit {@code limitMs}. */
  public void countWarm(double latencyMs, double limitMs, long count) {
    int bin = LatencyBins.index(latencyMs, limitMs);
    warmRequests += count;
    if (bin > 0) {
      latencyBins[bin] += count;
    }
    if (bin == LatencyBins.COUNT - 1) {
      slowestMs = Math.max(slowestMs, latencyMs);
    }
  }

  /** The warm requests by {@link LatencyBins} bin, the first being those the other bins do not hold. */
  public long[] latencyBins() {
    long others = 0;
    for (int i = 1; i < latencyBins.length; i++) {
      others += latencyBins[i];
    }
    latencyBins[0] = warmRequests - others;
    return latencyBins;
  }

  public long spendMicros() {
    return Category.visible(metered, billed);
  }

  /** Where the spend figure comes from: metered, billed or both. */
  public String source() {
    return Category.source(metered, billed);
  }
}
