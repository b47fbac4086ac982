package io.burnrate.testing;

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
import io.burnrate.topology.PipelineMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
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

/**
 * The whole topology on a TopologyTestDriver, with a fresh in-memory registry and state folder per
 * instance: every test that drives the real topology without a broker builds it here. The driver
 * processes each piped record at once, in the order piped, and commits after it.
 */
public final class PipelineDriver implements AutoCloseable {
  /** The pipeline's wall clock by default: far after any event time, so nothing counts as live. */
  public static final Instant WALL_CLOCK = Instant.parse("2030-01-01T00:00:00Z");
  /** Where the driver's own (punctuation) clock starts by default. */
  public static final Instant DRIVER_START = Instant.parse("2026-01-01T00:00:00Z");

  public final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  public final MeterRegistry meters;
  public final BurnrateConfig config;
  public final TopicNames topics;
  public final TopologyTestDriver driver;
  public final TestInputTopic<String, InferenceRequest> requests;
  public final TestInputTopic<String, ReplicaEvent> replicas;
  public final TestInputTopic<String, BillingEvent> billing;
  public final TestInputTopic<String, EndpointConfig> configs;
  public final TestInputTopic<byte[], byte[]> rawRequests;
  public final TestInputTopic<byte[], byte[]> rawReplicas;
  public final TestInputTopic<byte[], byte[]> rawBilling;
  public final TestInputTopic<byte[], byte[]> rawConfigs;
  public final TestOutputTopic<String, CostAlert> alerts;
  public final TestOutputTopic<String, ScalingCommand> commands;
  public final TestOutputTopic<String, Map<String, Object>> metrics;
  public final TestOutputTopic<byte[], byte[]> deadLetters;
  private final Path stateDir;

  public PipelineDriver() {
    this(Map.of());
  }

  /** With {@code overrides} on top of the driver's settings (no replay lag, no input idling). */
  public PipelineDriver(Map<String, String> overrides) {
    this(overrides, new SimpleMeterRegistry(), WALL_CLOCK, DRIVER_START);
  }

  public PipelineDriver(Map<String, String> overrides, MeterRegistry meters, Instant wallClock, Instant driverStart) {
    this.meters = meters;
    try {
      stateDir = Files.createTempDirectory("burnrate-ttd");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> settings = new HashMap<>();
    settings.put(BurnrateConfig.REPLAY_LAG, "0");
    // The tests choose the order of records across inputs (EventOrderTopologyTest checks the
    // event-time order itself).
    settings.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "0");
    settings.put(BurnrateConfig.INPUT_IDLE, "0");
    settings.putAll(overrides);
    config = BurnrateConfig.of(settings);
    topics = config.topics();
    BurnrateApp app = new BurnrateApp(config, registry, new PipelineMetrics(meters),
        Clock.fixed(wallClock, ZoneOffset.UTC));
    Properties props = app.streamsProperties();
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(app.topology(), props, driverStart);
    StringSerializer keys = new StringSerializer();
    requests = driver.createInputTopic(topics.requests(), keys, avro(InferenceRequest.class));
    replicas = driver.createInputTopic(topics.replicas(), keys, avro(ReplicaEvent.class));
    billing = driver.createInputTopic(topics.billing(), keys, avro(BillingEvent.class));
    configs = driver.createInputTopic(topics.endpointConfig(), keys, avro(EndpointConfig.class));
    rawRequests = raw(topics.requests());
    rawReplicas = raw(topics.replicas());
    rawBilling = raw(topics.billing());
    rawConfigs = raw(topics.endpointConfig());
    StringDeserializer keyReader = new StringDeserializer();
    alerts = driver.createOutputTopic(topics.alerts(), keyReader, new AvroWireDeserializer<>(registry, CostAlert.class));
    commands = driver.createOutputTopic(topics.commands(), keyReader,
        new AvroWireDeserializer<>(registry, ScalingCommand.class));
    metrics = driver.createOutputTopic(topics.hourlyMetrics(), keyReader, JsonSerde.forMaps().deserializer());
    deadLetters = driver.createOutputTopic(topics.deadLetters(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  public void config(EndpointConfig config) {
    configs.pipeInput(config.getEndpointId(), config);
  }

  public void request(InferenceRequest request) {
    requests.pipeInput(request.getEndpointId(), request);
  }

  public void replica(ReplicaEvent event) {
    replicas.pipeInput(event.getEndpointId(), event);
  }

  public void bill(BillingEvent bill) {
    billing.pipeInput(bill.getEndpointId(), bill);
  }

  /** The raw input topic named {@code topic}, one of the four inputs. */
  public TestInputTopic<byte[], byte[]> rawInput(String topic) {
    if (topic.equals(topics.requests())) {
      return rawRequests;
    }
    if (topic.equals(topics.replicas())) {
      return rawReplicas;
    }
    if (topic.equals(topics.billing())) {
      return rawBilling;
    }
    if (topic.equals(topics.endpointConfig())) {
      return rawConfigs;
    }
    throw new IllegalArgumentException("not an input topic: " + topic);
  }

  public List<CostAlert> alerts() {
    return alerts.readValuesToList();
  }

  public List<ScalingCommand> commands() {
    return commands.readValuesToList();
  }

  public List<TestRecord<byte[], byte[]>> deadLetters() {
    return deadLetters.readRecordsToList();
  }

  public void advanceWallClock(Duration duration) {
    driver.advanceWallClockTime(duration);
  }

  public static String header(Headers headers, String name) {
    var header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** The latest {@code cost.metrics.hourly} object of one endpoint-hour among {@code all}. */
  public static Map<String, Object> latestMetrics(List<Map<String, Object>> all, String endpoint, Instant hour) {
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

  public static double number(Map<String, Object> metrics, String field) {
    return ((Number) metrics.get(field)).doubleValue();
  }

  /** A counter's count, 0 when it was never incremented. */
  public double counter(String name, String... tags) {
    var counter = meters.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  @Override
  public void close() {
    driver.close();
    try (Stream<Path> files = Files.walk(stateDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // temporary directory; nothing to keep
    }
  }

  private <T extends org.apache.avro.specific.SpecificRecord> AvroWireSerializer<T> avro(Class<T> type) {
    return new AvroWireSerializer<>(registry, type, true);
  }

  private TestInputTopic<byte[], byte[]> raw(String topic) {
    return driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
