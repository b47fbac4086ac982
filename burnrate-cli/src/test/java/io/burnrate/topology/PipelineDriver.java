package io.burnrate.topology;

import io.burnrate.app.BurnrateApp;
import io.burnrate.config.BurnrateConfig;
import io.burnrate.config.TopicNames;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ScalingCommand;
import io.burnrate.serde.AvroWireDeserializer;
import io.burnrate.serde.AvroWireSerializer;
import io.burnrate.serde.InMemorySchemaRegistryClient;
import io.burnrate.serde.JsonSerde;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The whole topology on a TopologyTestDriver, with a fresh in-memory registry per instance. */
final class PipelineDriver implements AutoCloseable {
  final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final TopologyTestDriver driver;
  final TestInputTopic<String, InferenceRequest> requests;
  final TestInputTopic<String, ReplicaEvent> replicas;
  final TestInputTopic<String, BillingEvent> billing;
  final TestInputTopic<String, EndpointConfig> configs;
  final TestInputTopic<byte[], byte[]> rawRequests;
  final TestInputTopic<byte[], byte[]> rawBilling;
  final TestOutputTopic<String, CostAlert> alerts;
  final TestOutputTopic<String, ScalingCommand> commands;
  final TestOutputTopic<String, Map<String, Object>> metrics;
  final TestOutputTopic<byte[], byte[]> deadLetters;
  private final Path stateDir;

  PipelineDriver(Map<String, String> overrides) {
    try {
      stateDir = Files.createTempDirectory("burnrate-ttd");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Map<String, String> settings = new HashMap<>();
    settings.put(BurnrateConfig.REPLAY_LAG, "0");
    // The driver processes each piped record at once, in the order piped: the tests choose the order
    // (EventOrderTopologyTest checks the event-time order across inputs).
    settings.put("max.task.idle.ms", "0");
    settings.put(BurnrateConfig.INPUT_IDLE, "0");
    settings.putAll(overrides);
    BurnrateConfig config = BurnrateConfig.of(settings);
    BurnrateApp app = new BurnrateApp(config, registry, new PipelineMetrics(meters),
        Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));
    Properties props = app.streamsProperties();
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(app.topology(), props, Instant.parse("2026-01-01T00:00:00Z"));
    TopicNames t = config.topics();
    StringSerializer keys = new StringSerializer();
    requests = driver.createInputTopic(t.requests(), keys, new AvroWireSerializer<>(registry, InferenceRequest.class, true));
    replicas = driver.createInputTopic(t.replicas(), keys, new AvroWireSerializer<>(registry, ReplicaEvent.class, true));
    billing = driver.createInputTopic(t.billing(), keys, new AvroWireSerializer<>(registry, BillingEvent.class, true));
    configs = driver.createInputTopic(t.endpointConfig(), keys, new AvroWireSerializer<>(registry, EndpointConfig.class, true));
    rawRequests = driver.createInputTopic(t.requests(), new ByteArraySerializer(), new ByteArraySerializer());
    rawBilling = driver.createInputTopic(t.billing(), new ByteArraySerializer(), new ByteArraySerializer());
    StringDeserializer keyReader = new StringDeserializer();
    alerts = driver.createOutputTopic(t.alerts(), keyReader, new AvroWireDeserializer<>(registry, CostAlert.class));
    commands = driver.createOutputTopic(t.commands(), keyReader, new AvroWireDeserializer<>(registry, ScalingCommand.class));
    metrics = driver.createOutputTopic(t.hourlyMetrics(), keyReader, JsonSerde.forMaps().deserializer());
    deadLetters = driver.createOutputTopic(t.deadLetters(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  PipelineDriver() {
    this(Map.of());
  }

  void config(EndpointConfig config) {
    configs.pipeInput(config.getEndpointId(), config);
  }

  void request(InferenceRequest request) {
    requests.pipeInput(request.getEndpointId(), request);
  }

  void replica(ReplicaEvent event) {
    replicas.pipeInput(event.getEndpointId(), event);
  }

  void bill(BillingEvent bill) {
    billing.pipeInput(bill.getEndpointId(), bill);
  }

  List<CostAlert> alerts() {
    return alerts.readValuesToList();
  }

  List<ScalingCommand> commands() {
    return commands.readValuesToList();
  }

  List<TestRecord<byte[], byte[]>> deadLetters() {
    return deadLetters.readRecordsToList();
  }

  void advanceWallClock(Duration duration) {
    driver.advanceWallClockTime(duration);
  }

  static String header(Headers headers, String name) {
    var header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** The latest {@code cost.metrics.hourly} object of one endpoint-hour among {@code all}. */
  static Map<String, Object> latestMetrics(List<Map<String, Object>> all, String endpoint, Instant hour) {
    Map<String, Object> latest = null;
    for (Map<String, Object> m : all) {
      if (endpoint.equals(m.get("endpoint_id")) && ((Number) m.get("timestamp")).longValue() == hour.toEpochMilli()) {
        latest = m;
      }
    }
    if (latest == null) {
      throw new AssertionError("no cost.metrics.hourly record of " + endpoint + " at " + hour);
    }
    return latest;
  }

  static double number(Map<String, Object> metrics, String field) {
    return ((Number) metrics.get(field)).doubleValue();
  }

  double counter(String name, String... tags) {
    var counter = meters.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  @Override
  public void close() {
    driver.close();
    try (var files = Files.walk(stateDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException ignored) {
      // temporary directory; nothing to keep
    }
  }
}
