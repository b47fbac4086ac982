package io.burnrate.http;

import io.burnrate.app.BurnrateApp;
import io.burnrate.config.BurnrateConfig;
import io.burnrate.config.TopicNames;
import io.burnrate.engine.EndpointState;
import io.burnrate.meter.SliceStats;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.serde.AvroWireDeserializer;
import io.burnrate.serde.AvroWireSerializer;
import io.burnrate.serde.InMemorySchemaRegistryClient;
import io.burnrate.serde.JsonSerde;
import io.burnrate.topology.PipelineMetrics;
import io.burnrate.topology.StoreNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The whole topology on a TopologyTestDriver, exposed to the HTTP layer as one instance's {@link
 * StreamsAccess}: its stores are the driver's, its state, owners and peers are what the test sets.
 */
final class DriverAccess implements StreamsAccess, AutoCloseable {
  final TopologyTestDriver driver;
  final BurnrateConfig config;
  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final Path stateDir;
  private final TestInputTopic<String, EndpointConfig> configs;
  private final TestInputTopic<String, InferenceRequest> requests;
  private final TestInputTopic<String, BillingEvent> billing;
  private final TestOutputTopic<String, CostAlert> alerts;
  private final TestOutputTopic<String, Map<String, Object>> metrics;
  /** Every alert the topology has emitted so far, in order. */
  private final List<CostAlert> emitted = new ArrayList<>();

  volatile KafkaStreams.State state = KafkaStreams.State.RUNNING;
  volatile HostInfo self = new HostInfo("127.0.0.1", 1);
  volatile Function<String, Owner> owners = endpoint -> new Owner(self, true);
  volatile List<HostInfo> instances;

  DriverAccess(MeterRegistry meters) {
    try {
      stateDir = Files.createTempDirectory("burnrate-http-ttd");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> settings = new HashMap<>();
    settings.put(BurnrateConfig.REPLAY_LAG, "0");
    settings.put("max.task.idle.ms", "0");
    settings.put(BurnrateConfig.INPUT_IDLE, "0");
    // Budget days resolve an hour after they end, so a test can see an alert go.
    settings.put(BurnrateConfig.GRACE_BILLING, String.valueOf(Duration.ofHours(1).toMillis()));
    config = BurnrateConfig.of(settings);
    BurnrateApp app = new BurnrateApp(config, registry, new PipelineMetrics(meters),
        Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));
    var props = app.streamsProperties();
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(app.topology(), props, Instant.parse("2026-01-01T00:00:00Z"));
    TopicNames topics = config.topics();
    StringSerializer keys = new StringSerializer();
    configs = driver.createInputTopic(topics.endpointConfig(), keys,
        new AvroWireSerializer<>(registry, EndpointConfig.class, true));
    requests = driver.createInputTopic(topics.requests(), keys,
        new AvroWireSerializer<>(registry, InferenceRequest.class, true));
    billing = driver.createInputTopic(topics.billing(), keys,
        new AvroWireSerializer<>(registry, BillingEvent.class, true));
    alerts = driver.createOutputTopic(topics.alerts(), new StringDeserializer(),
        new AvroWireDeserializer<>(registry, CostAlert.class));
    metrics = driver.createOutputTopic(topics.hourlyMetrics(), new StringDeserializer(),
        JsonSerde.forMaps().deserializer());
  }

  void config(EndpointConfig config) {
    configs.pipeInput(config.getEndpointId(), config);
  }

  void request(InferenceRequest request) {
    requests.pipeInput(request.getEndpointId(), request);
  }

  void bill(BillingEvent bill) {
    billing.pipeInput(bill.getEndpointId(), bill);
  }

  /** The alerts the topology emitted that are FIRING and not RESOLVED since, by alert_id. */
  Map<String, CostAlert> firingPerTopic() {
    emitted.addAll(alerts.readValuesToList());
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
    for (var record : metrics.readKeyValuesToList()) {
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
    driver.close();
    try (Stream<Path> files = Files.walk(stateDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory; nothing to keep
    }
  }
}
