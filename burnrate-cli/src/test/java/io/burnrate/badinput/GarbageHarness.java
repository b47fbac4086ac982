package io.burnrate.badinput;

import io.burnrate.app.BurnrateApp;
import io.burnrate.config.BurnrateConfig;
import io.burnrate.config.TopicNames;
import io.burnrate.local.TestDirectories;
import io.burnrate.serde.InMemorySchemaRegistryClient;
import io.burnrate.topology.PipelineMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The whole pipeline on a TopologyTestDriver, fed raw bytes. Processing errors fail the pipe instead of
 * going to the dead-letter topic through Kafka Streams' handler, so that a crash on odd input shows.
 */
final class GarbageHarness implements AutoCloseable {
  static final TopicNames TOPICS = TopicNames.DEFAULTS;
  /** Event time of the generated records; the pipeline's wall clock is half an hour later. */
  static final Instant AT = Instant.parse("2026-03-02T12:00:00Z");

  final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final TopologyTestDriver driver;
  private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
  private final TestOutputTopic<byte[], byte[]> deadLetters;
  private final Path stateDir = TestDirectories.create("burnrate-garbage-");

  GarbageHarness() {
    this(Map.of());
  }

  /** With {@code overrides} on top of the harness's settings. */
  GarbageHarness(Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>(Map.of(
        BurnrateConfig.REPLAY_LAG, "0",
        StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "0",
        BurnrateConfig.INPUT_IDLE, "0",
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailProcessingExceptionHandler.class.getName()));
    settings.putAll(overrides);
    BurnrateConfig config = BurnrateConfig.of(settings);
    BurnrateApp app = new BurnrateApp(config, registry, new PipelineMetrics(meters),
        Clock.fixed(AT.plus(Duration.ofMinutes(30)), ZoneOffset.UTC));
    Properties props = app.streamsProperties();
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(app.topology(), props, AT);
    for (String topic : inputTopics()) {
      inputs.put(topic, driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer()));
    }
    deadLetters = driver.createOutputTopic(TOPICS.deadLetters(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  static List<String> inputTopics() {
    return List.of(TOPICS.requests(), TOPICS.replicas(), TOPICS.billing(), TOPICS.endpointConfig());
  }

  void pipe(String topic, byte[] key, byte[] value) {
    inputs.get(topic).pipeInput(key, value);
  }

  List<TestRecord<byte[], byte[]>> newDeadLetters() {
    return deadLetters.readRecordsToList();
  }

  /** Dead letters counted, per topic and reason tag (as the metric names them), or all when tags are omitted. */
  double deadLettersCounted(String... tags) {
    return meters.find("burnrate.dead.letters").tags(tags).counters().stream().mapToDouble(Counter::count).sum();
  }

  @Override
  public void close() {
    try {
      driver.close();
    } finally {
      TestDirectories.deleteRecursively(stateDir);
    }
  }
}
