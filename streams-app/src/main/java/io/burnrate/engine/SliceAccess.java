package io.burnrate.engine;

import io.burnrate.meter.SliceStats;

/** Where the engine reads and writes an endpoint's per-slice figures (a state store, or a map in tests). */
public interface SliceAccess {
  /** The slice starting at {@code sliceStart}, or null when none was written. */
  SliceStats get(String endpointId, long sliceStart);

  void put(String endpointId, SliceStats stats);
}
