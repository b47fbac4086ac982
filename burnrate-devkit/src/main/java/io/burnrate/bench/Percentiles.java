package io.burnrate.bench;

import java.util.Arrays;
import java.util.Collection;

/** p50 / p95 / p99 / max of latency samples (nearest rank), in milliseconds. */
public record Percentiles(long count, long p50, long p95, long p99, long max) {

  public static Percentiles of(Collection<Long> samplesMs) {
    if (samplesMs.isEmpty()) {
      return new Percentiles(0, 0, 0, 0, 0);
    }
    long[] sorted = samplesMs.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return new Percentiles(sorted.length, rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99),
        sorted[sorted.length - 1]);
  }

  /** The smallest sample with at least {@code fraction} of all samples at or below it. */
  static long rank(long[] sorted, double fraction) {
    int index = (int) Math.ceil(fraction * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
