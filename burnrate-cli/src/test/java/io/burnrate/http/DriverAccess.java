package io.burnrate.http;

import io.burnrate.testing.PipelineDriver;
import io.burnrate.config.BurnrateConfig;
import io.burnrate.engine.EndpointState;
import io.burnrate.meter.SliceStats;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.topology.StoreNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The whole topology on a {@link PipelineDriver}, exposed to the HTTP layer as one instance's {@link
 * StreamsAccess}: its stores are the driver's, its state, owners and peers are what the test sets.
 */
final class DriverAccess implements StreamsAccess, AutoCloseable {
  private final PipelineDriver pipeline;
  final TopologyTestDriver driver;
  final BurnrateConfig config;
  /** Every alert the topology has emitted so far, in order. */
  private final List<CostAlert> emitted = new ArrayList<>();

  volatile KafkaStreams.State state = KafkaStreams.State.RUNNING;
  volatile HostInfo self = new HostInfo("127.0.0.1", 1);
  volatile Function<String, Owner> owners = endpoint -> new Owner(self, true);
  volatile List<HostInfo> instances;

  DriverAccess(MeterRegistry meters) {
    // Budget days resolve an hour after they end, so a test can see an alert go.
    pipeline = new PipelineDriver(Map.of(BurnrateConfig.GRACE_BILLING, String.valueOf(Duration.ofHours(1).toMillis())),
        meters, PipelineDriver.WALL_CLOCK, PipelineDriver.DRIVER_START);
    driver = pipeline.driver;
    config = pipeline.config;
  }

  void config(EndpointConfig config) {
    pipeline.config(config);
  }

  void request(InferenceRequest request) {
    pipeline.request(request);
  }

  void bill(BillingEvent bill) {
    pipeline.bill(bill);
  }

  /** The alerts the topology emitted that are FIRING and not RESOLVED since, by alert_id. */
  Map<String, CostAlert> firingPerTopic() {
    emitted.addAll(pipeline.alerts());
    Map<String, CostAlert> firing = new LinkedHashMap<>();
    for (CostAlert alert : emitted) {
      if (alert.getStatus() == AlertStatus.FIRING) {
        firing.put(alert.getAlertId(), alert);
      } else {
        firing.remove(alert.getAlertId());
      }
    }
    return firing;
  }

  /** Lets the wall-clock punctuation emit pending metrics; returns the latest value per endpoint and hour. */
  Map<String, Map<String, Object>> latestMetrics() {
    driver.advanceWallClockTime(Duration.ofMillis(config.getLong(BurnrateConfig.METRICS_INTERVAL)));
    Map<String, Map<String, Object>> latest = new LinkedHashMap<>();
    for (var record : pipeline.metrics.readKeyValuesToList()) {
      latest.put(record.key + "@" + record.value.get("timestamp"), record.value);
    }
    return latest;
  }

  @Override
  public KafkaStreams.State state() {
    return state;
  }

  @Override
  public HostInfo self() {
    return self;
  }

  @Override
  public Owner ownerOf(String endpointId) {
    return owners.apply(endpointId);
  }

  @Override
  public List<HostInfo> instances() {
    return instances != null ? instances : List.of(self);
  }

  @Override
  public EndpointState endpointState(String endpointId) {
    // What interactive queries read: the state written back at the driver's commit after each record.
    @SuppressWarnings("unchecked")
    ReadOnlyKeyValueStore<String, EndpointState> store =
        (ReadOnlyKeyValueStore<String, EndpointState>) driver.getAllStateStores().get(StoreNames.ENDPOINT_STATE);
    return store.get(endpointId);
  }

  @Override
  public EndpointConfig endpointConfig(String endpointId) {
    KeyValueStore<String, EndpointConfig> store = driver.getKeyValueStore(StoreNames.ENDPOINT_CONFIG);
    return store.get(endpointId);
  }

  @Override
  public List<SliceStats> slices(String endpointId, long fromMs, long toMs) {
    @SuppressWarnings("unchecked")
    ReadOnlyWindowStore<String, SliceStats> store =
        (ReadOnlyWindowStore<String, SliceStats>) driver.getAllStateStores().get(StoreNames.ENDPOINT_SLICES);
    List<SliceStats> slices = new ArrayList<>();
    try (WindowStoreIterator<SliceStats> found =
        store.fetch(endpointId, Instant.ofEpochMilli(fromMs), Instant.ofEpochMilli(toMs))) {
      found.forEachRemaining(entry -> slices.add(entry.value));
    }
    return slices;
  }

  @Override
  public List<CostAlert> localActiveAlerts() {
    KeyValueStore<String, CostAlert> store = driver.getKeyValueStore(StoreNames.ACTIVE_ALERTS);
    List<CostAlert> active = new ArrayList<>();
    try (KeyValueIterator<String, CostAlert> all = store.all()) {
      all.forEachRemaining(entry -> active.add(entry.value));
    }
    return active;
  }

  @Override
  public void close() {
    pipeline.close();
  }
}
