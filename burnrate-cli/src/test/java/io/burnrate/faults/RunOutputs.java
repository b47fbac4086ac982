package io.burnrate.faults;

import io.burnrate.config.TopicNames;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.ScalingCommand;
import io.burnrate.serde.AvroWireDeserializer;
import io.burnrate.serde.JsonSerde;
import io.burnrate.serde.SchemaRegistryClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The committed outputs of one run, read as a subscriber reads them ({@code read_committed}, every
 * partition from the beginning to its last stable offset), in the order of each partition.
 */
record RunOutputs(
    List<CostAlert> alerts, List<ScalingCommand> commands, List<Map<String, Object>> metrics, int deadLetters) {

  private static final Duration POLL = Duration.ofMillis(100);

  /** Reads everything committed to {@code topics}' outputs now; fails after {@code timeout}. */
  static RunOutputs read(String bootstrapServers, SchemaRegistryClient registry, TopicNames topics, Duration timeout) {
    AvroWireDeserializer<CostAlert> alertReader = new AvroWireDeserializer<>(registry, CostAlert.class);
    AvroWireDeserializer<ScalingCommand> commandReader = new AvroWireDeserializer<>(registry, ScalingCommand.class);
    var metricsReader = JsonSerde.forMaps().deserializer();
    List<CostAlert> alerts = new ArrayList<>();
    List<ScalingCommand> commands = new ArrayList<>();
    List<Map<String, Object>> metrics = new ArrayList<>();
    int deadLetters = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : List.of(topics.alerts(), topics.commands(), topics.hourlyMetrics(), topics.deadLetters())) {
        for (PartitionInfo partition : consumer.partitionsFor(topic, timeout)) {
          partitions.add(new TopicPartition(topic, partition.partition()));
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read the committed outputs up to " + ends + " within " + timeout);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          if (r.topic().equals(topics.alerts())) {
            alerts.add(alertReader.deserialize(r.topic(), r.value()));
          } else if (r.topic().equals(topics.commands())) {
            commands.add(commandReader.deserialize(r.topic(), r.value()));
          } else if (r.topic().equals(topics.hourlyMetrics())) {
            metrics.add(metricsReader.deserialize(r.topic(), r.value()));
          } else {
            deadLetters++;
          }
        }
      }
    }
    return new RunOutputs(List.copyOf(alerts), List.copyOf(commands), List.copyOf(metrics), deadLetters);
  }

  /** "alert_id STATUS" of every alert, in the order read. */
  List<String> alertIdsAndStatus() {
    return alerts.stream().map(a -> a.getAlertId() + " " + a.getStatus()).toList();
  }

  List<String> commandIds() {
    return commands.stream().map(ScalingCommand::getCommandId).toList();
  }

  /** The last value of each endpoint-hour, keyed "endpoint hour". */
  Map<String, Map<String, Object>> finalMetrics() {
    Map<String, Map<String, Object>> last = new TreeMap<>();
    for (Map<String, Object> m : metrics) {
      last.put(m.get("endpoint_id") + " " + Instant.ofEpochMilli(((Number) m.get("timestamp")).longValue()), m);
    }
    return last;
  }

  String summary() {
    return alerts.size() + " alerts, " + commands.size() + " commands, " + metrics.size() + " metric updates, "
        + deadLetters + " dead letters";
  }
}
