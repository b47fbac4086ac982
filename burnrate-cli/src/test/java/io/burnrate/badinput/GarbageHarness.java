package io.burnrate.badinput;

import io.burnrate.testing.PipelineDriver;
import io.micrometer.core.instrument.Counter;
import io.burnrate.config.TopicNames;
import io.burnrate.serde.InMemorySchemaRegistryClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
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

  private final PipelineDriver pipeline;
  final InMemorySchemaRegistryClient registry;
  final TopologyTestDriver driver;

  GarbageHarness() {
    this(Map.of());
  }

  /** With {@code overrides} on top of the harness's settings. */
  GarbageHarness(Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>(Map.of(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailProcessingExceptionHandler.class.getName()));
    settings.putAll(overrides);
    pipeline = new PipelineDriver(settings, new SimpleMeterRegistry(), AT.plus(Duration.ofMinutes(30)), AT);
    registry = pipeline.registry;
    driver = pipeline.driver;
  }

  static List<String> inputTopics() {
    return List.of(TOPICS.requests(), TOPICS.replicas(), TOPICS.billing(), TOPICS.endpointConfig());
  }

  void pipe(String topic, byte[] key, byte[] value) {
    pipeline.rawInput(topic).pipeInput(key, value);
  }

  List<TestRecord<byte[], byte[]>> newDeadLetters() {
    return pipeline.deadLetters();
  }

  /** Dead letters counted, per topic and reason tag (as the metric names them), or all when tags are omitted. */
  double deadLettersCounted(String... tags) {
    return pipeline.meters.find("burnrate.dead.letters").tags(tags).counters().stream()
        .mapToDouble(Counter::count).sum();
  }

  @Override
  public void close() {
    pipeline.close();
  }
}
