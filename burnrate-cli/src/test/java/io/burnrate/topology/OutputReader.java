package io.burnrate.topology;

import io.burnrate.config.TopicNames;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.ScalingCommand;
import io.burnrate.serde.AvroWireDeserializer;
import io.burnrate.serde.JsonSerde;
import io.burnrate.serde.SchemaRegistryClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the four output topics as a subscriber does, {@code read_committed}: every partition
 * assigned (no group), from the beginning or from given offsets.
 */
final class OutputReader implements AutoCloseable {
  private static final TopicNames TOPICS = TopicNames.DEFAULTS;
  private static final Duration POLL = Duration.ofMillis(100);

  /** What the pipeline wrote, in the order of each partition. */
  record Outputs(
      List<CostAlert> alerts,
      List<ScalingCommand> commands,
      List<ConsumerRecord<byte[], Map<String, Object>>> metrics,
      List<ConsumerRecord<byte[], byte[]>> deadLetters) {}

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<TopicPartition> partitions = new ArrayList<>();
  private final Deserializer<CostAlert> alertReader;
  private final Deserializer<ScalingCommand> commandReader;
  private final Deserializer<Map<String, Object>> metricsReader = JsonSerde.forMaps().deserializer();

  OutputReader(String bootstrapServers, SchemaRegistryClient registry) {
    this.alertReader = new AvroWireDeserializer<>(registry, CostAlert.class);
    this.commandReader = new AvroWireDeserializer<>(registry, ScalingCommand.class);
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    for (String topic : List.of(TOPICS.alerts(), TOPICS.commands(), TOPICS.hourlyMetrics(), TOPICS.deadLetters())) {
      for (PartitionInfo partition : consumer.partitionsFor(topic)) {
        partitions.add(new TopicPartition(topic, partition.partition()));
      }
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Where the next read starts, per partition: hand it to {@link #seek} to skip what was read. */
  Map<TopicPartition, Long> positions() {
    Map<TopicPartition, Long> positions = new HashMap<>();
    for (TopicPartition partition : partitions) {
      positions.put(partition, consumer.position(partition));
    }
    return positions;
  }

  void seek(Map<TopicPartition, Long> positions) {
    positions.forEach(consumer::seek);
  }

  /**
   * Reads until every partition is at its last committed record and nothing new has come for
   * {@code quiet}; fails after {@code timeout}. The quiet period covers what the pipeline writes on
   * wall-clock time after its inputs are done (metric updates).
   */
  Outputs readUntilQuiet(Duration quiet, Duration timeout) {
    List<CostAlert> alerts = new ArrayList<>();
    List<ScalingCommand> commands = new ArrayList<>();
    List<ConsumerRecord<byte[], Map<String, Object>>> metrics = new ArrayList<>();
    List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    long lastRecord = System.nanoTime();
    while (true) {
      var records = consumer.poll(POLL);
      long now = System.nanoTime();
      if (!records.isEmpty()) {
        lastRecord = now;
      }
      for (ConsumerRecord<byte[], byte[]> r : records) {
        String topic = r.topic();
        if (topic.equals(TOPICS.alerts())) {
          alerts.add(alertReader.deserialize(topic, r.value()));
        } else if (topic.equals(TOPICS.commands())) {
          commands.add(commandReader.deserialize(topic, r.value()));
        } else if (topic.equals(TOPICS.hourlyMetrics())) {
          metrics.add(new ConsumerRecord<>(topic, r.partition(), r.offset(), r.key(),
              metricsReader.deserialize(topic, r.value())));
        } else {
          deadLetters.add(r);
        }
      }
      if (now - lastRecord >= quiet.toNanos() && atEnd()) {
        return new Outputs(alerts, commands, metrics, deadLetters);
      }
      if (now > deadline) {
        throw new AssertionError("the outputs did not come to rest within " + timeout + " (read so far: "
            + alerts.size() + " alerts, " + commands.size() + " commands, " + metrics.size() + " metric updates, "
            + deadLetters.size() + " dead letters)");
      }
    }
  }

  private boolean atEnd() {
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    for (TopicPartition partition : partitions) {
      if (consumer.position(partition) < ends.get(partition)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
