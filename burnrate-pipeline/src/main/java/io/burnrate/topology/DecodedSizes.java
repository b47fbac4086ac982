package io.burnrate.topology;

import io.burnrate.engine.EndpointState;
import io.burnrate.meter.SliceStats;

/**
 * Rough heap sizes of decoded values, for the byte budgets of the write-behind caches: close enough
 * that the budget, not the fleet size, bounds the heap they take. Estimated for Java 17 with
 * compressed references (a minute bucket with its map entry, key and arrays is about 230 bytes).
 */
final class DecodedSizes {
  private static final long STATE_BASE = 1_024;
  private static final long PER_MINUTE = 232;
  private static final long PER_REPLICA = 160;
  private static final long PER_DAY = 200;
  private static final long PER_HOUR_KEPT = 96;
  private static final long PER_EPISODE = 160;
  private static final long SLICE_BASE = 240;
  /** A latency sketch of 1 % accuracy over a few decades of milliseconds, with its growth slack. */
  private static final long SKETCH = 2_048;

  private DecodedSizes() {}

  static long of(EndpointState state) {
    return STATE_BASE
        + PER_MINUTE * state.minutes.size()
        + PER_REPLICA * (state.replicas.size() + state.stoppedReplicas.size())
        + PER_DAY * state.days.size()
        + PER_HOUR_KEPT * state.trailingHours.size()
        + PER_EPISODE * state.tracks.size();
  }

  static long of(SliceStats slice) {
    return SLICE_BASE + (slice.warmLatency == null ? 0 : SKETCH);
  }
}
