package io.burnrate.benchmarks;

import io.burnrate.engine.SliceAccess;
import io.burnrate.engine.StateCodec;
import io.burnrate.meter.SliceStats;
import java.util.HashMap;
import java.util.Map;

/**
 * The engine's slices kept as the processor's window store keeps them: encoded with {@link StateCodec},
 * so every read decodes and every write encodes, as on the real path (without RocksDB itself).
 */
final class EncodedSlices implements SliceAccess {
  private final Map<String, Map<Long, byte[]>> slicesByEndpoint = new HashMap<>();
  private final Map<String, byte[]> baselinesByEndpoint = new HashMap<>();

  @Override
  public SliceStats get(String endpointId, long sliceStart) {
    Map<Long, byte[]> slices = slicesByEndpoint.get(endpointId);
    byte[] bytes = slices == null ? null : slices.get(sliceStart);
    return bytes == null ? null : StateCodec.decodeSlice(bytes);
  }

  @Override
  public void put(String endpointId, SliceStats stats) {
    slicesByEndpoint.computeIfAbsent(endpointId, id -> new HashMap<>()).put(stats.sliceStart, StateCodec.encode(stats));
  }

  @Override
  public byte[] baselines(String endpointId) {
    return baselinesByEndpoint.get(endpointId);
  }

  @Override
  public void putBaselines(String endpointId, byte[] baselines) {
    baselinesByEndpoint.put(endpointId, baselines);
  }
}
