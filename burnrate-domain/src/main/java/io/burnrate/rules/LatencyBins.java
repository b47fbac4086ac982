package io.burnrate.rules;

/**
 * Warm request latencies counted in bins relative to the HIGH_LATENCY threshold, so that a sliding
 * span's p95 can be told exactly above or below the threshold and its hysteresis line (both are bin
 * bounds) and estimated in between, from a few counters per minute. Bin {@code i} holds latencies in
 * ({@code BOUNDS[i-1]}, {@code BOUNDS[i]}] times the threshold; the first from 0, the last up to the
 * slowest request seen.
 */
public final class LatencyBins {
  private static final double[] BOUNDS = {0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0, 1.1, 1.25, 1.5, 2, 3, 5, 10};
  public static final int COUNT = BOUNDS.length + 1;
  private static final double QUANTILE = 0.95;

  private LatencyBins() {}

  /** The bin of a latency under the given threshold. */
  public static int index(double latencyMs, double thresholdMs) {
    for (int i = 0; i < BOUNDS.length; i++) {
      if (latencyMs <= thresholdMs * BOUNDS[i]) {
        return i;
      }
    }
    return BOUNDS.length;
  }

  /**
   * Requests counted in bins whose latencies are all above {@code fraction} x threshold, the bin bound
   * at or below the fraction being taken: the hysteresis line never lies above where it was asked.
   */
  public static long above(long[] bins, double fraction) {
    long count = 0;
    for (int i = lineIndex(fraction) + 1; i < COUNT; i++) {
      count += bins[i];
    }
    return count;
  }

  /** The index of the highest bound at or below {@code fraction}, or -1 when every bound is above it. */
  private static int lineIndex(double fraction) {
    int line = -1;
    for (int i = 0; i < BOUNDS.length; i++) {
      if (BOUNDS[i] <= fraction + 1e-9) {
        line = i;
      }
    }
    return line;
  }

  /** The p95 of the counted latencies, interpolated within its bin; NaN without requests. */
  public static double p95(long[] bins, double thresholdMs, double slowestMs) {
    long total = 0;
    for (long count : bins) {
      total += count;
    }
    if (total == 0) {
      return Double.NaN;
    }
    long rank = (long) Math.ceil(QUANTILE * total);
    long before = 0;
    for (int i = 0; i < COUNT; i++) {
      if (bins[i] > 0 && before + bins[i] >= rank) {
        double low = i == 0 ? 0 : thresholdMs * BOUNDS[i - 1];
        double high = i < BOUNDS.length ? thresholdMs * BOUNDS[i] : Math.max(slowestMs, low);
        return low + (high - low) * (rank - before) / bins[i];
      }
      before += bins[i];
    }
    return Double.NaN;
  }
}
