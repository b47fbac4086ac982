package io.burnrate.engine;

import io.burnrate.meter.SliceStats;
import java.time.ZoneId;

/**
 * Where the engine reads and writes what it keeps outside an endpoint's state: the per-slice figures
 * and the seasonal baselines (state stores in the topology, maps in tests).
 */
public interface SliceAccess {
  /** The slice starting at {@code sliceStart}, or null when none was written. */
  SliceStats get(String endpointId, long sliceStart);

  void put(String endpointId, SliceStats stats);

  /** The stored bytes of the endpoint's {@link EndpointBaselines}, or null when it has none yet. */
  byte[] baselines(String endpointId);

  void putBaselines(String endpointId, byte[] baselines);

  /** The merged figures of one UTC hour of the endpoint (see {@link SliceStats#hour}). */
  default SliceStats hour(String endpointId, ZoneId zone, long hour) {
    return SliceStats.hour(hour, zone, sliceStart -> get(endpointId, sliceStart));
  }
}
