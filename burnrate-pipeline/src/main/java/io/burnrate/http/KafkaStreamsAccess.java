package io.burnrate.http;

import io.burnrate.engine.EndpointState;
import io.burnrate.meter.SliceStats;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.topology.StoreNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** {@link StreamsAccess} over a running KafkaStreams instance, through its interactive-query API. */
final class KafkaStreamsAccess implements StreamsAccess {
  private static final Serializer<String> KEYS = new StringSerializer();

  private final KafkaStreams streams;
  private final HostInfo self;

  KafkaStreamsAccess(KafkaStreams streams, HostInfo self) {
    this.streams = streams;
    this.self = self;
  }

  @Override
  public KafkaStreams.State state() {
    return streams.state();
  }

  @Override
  public HostInfo self() {
    return self;
  }

  @Override
  public Owner ownerOf(String endpointId) {
    KeyQueryMetadata metadata = streams.queryMetadataForKey(StoreNames.ENDPOINT_STATE, endpointId, KEYS);
    if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)
        || HostInfo.unavailable().equals(metadata.activeHost())) {
      return Owner.UNKNOWN;
    }
    return new Owner(metadata.activeHost(), metadata.activeHost().equals(self));
  }

  @Override
  public List<HostInfo> instances() {
    List<HostInfo> hosts = new ArrayList<>();
    for (StreamsMetadata metadata : streams.streamsMetadataForStore(StoreNames.ACTIVE_ALERTS)) {
      if (!HostInfo.unavailable().equals(metadata.hostInfo())) {
        hosts.add(metadata.hostInfo());
      }
    }
    return hosts;
  }

  @Override
  public EndpointState endpointState(String endpointId) {
    return this.<EndpointState>keyValueStore(StoreNames.ENDPOINT_STATE).get(endpointId);
  }

  @Override
  public EndpointConfig endpointConfig(String endpointId) {
    return this.<EndpointConfig>keyValueStore(StoreNames.ENDPOINT_CONFIG).get(endpointId);
  }

  @Override
  public List<SliceStats> slices(String endpointId, long fromMs, long toMs) {
    ReadOnlyWindowStore<String, SliceStats> store = streams.store(
        StoreQueryParameters.fromNameAndType(StoreNames.ENDPOINT_SLICES, QueryableStoreTypes.windowStore()));
    List<SliceStats> slices = new ArrayList<>();
    try (WindowStoreIterator<SliceStats> found =
        store.fetch(endpointId, Instant.ofEpochMilli(fromMs), Instant.ofEpochMilli(toMs))) {
      found.forEachRemaining(entry -> slices.add(entry.value));
    }
    return slices;
  }

  @Override
  public List<CostAlert> localActiveAlerts() {
    List<CostAlert> alerts = new ArrayList<>();
    try (KeyValueIterator<String, CostAlert> all = this.<CostAlert>keyValueStore(StoreNames.ACTIVE_ALERTS).all()) {
      all.forEachRemaining(entry -> alerts.add(entry.value));
    }
    return alerts;
  }

  private <V> ReadOnlyKeyValueStore<String, V> keyValueStore(String name) {
    return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
  }
}
