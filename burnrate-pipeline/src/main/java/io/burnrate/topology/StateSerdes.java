package io.burnrate.topology;

import io.burnrate.engine.EndpointState;
import io.burnrate.engine.StateCodec;
import io.burnrate.meter.SliceStats;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Serdes of the engine's state for RocksDB stores. */
final class StateSerdes {
  private StateSerdes() {}

  static Serde<EndpointState> endpointState() {
    return Serdes.serdeFrom(
        (topic, state) -> state == null ? null : StateCodec.encode(state),
        (topic, bytes) -> bytes == null ? null : StateCodec.decodeEndpoint(bytes));
  }

  static Serde<SliceStats> slices() {
    return Serdes.serdeFrom(
        (topic, slice) -> slice == null ? null : StateCodec.encode(slice),
        (topic, bytes) -> bytes == null ? null : StateCodec.decodeSlice(bytes));
  }
}
