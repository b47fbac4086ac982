package io.burnrate.alertmanager;

import io.burnrate.schema.CostAlert;
import io.burnrate.serde.WireFormatException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads partitions of {@code cost.alerts} from their beginning up to their end offsets, committed
 * records only (read_committed, whose end offset is the last stable one), without a consumer group.
 */
final class AlertTopicReader implements SnapshotSource {
  private static final Logger log = LoggerFactory.getLogger(AlertTopicReader.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final Map<String, Object> clientProperties;
  private final Deserializer<CostAlert> deserializer;
  private final Duration timeout;

  /**
   * @param clientProperties Kafka consumer settings (bootstrap servers, security); a group id is removed
   * @param timeout how long one rebuild may take before it fails
   */
  AlertTopicReader(Map<String, Object> clientProperties, Deserializer<CostAlert> deserializer, Duration timeout) {
    this.clientProperties = new HashMap<>(clientProperties);
    this.clientProperties.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.clientProperties.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    this.clientProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.clientProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.clientProperties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    this.clientProperties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    this.deserializer = deserializer;
    this.timeout = timeout;
  }

  @Override
  public Map<TopicPartition, PartitionAlerts> rebuild(Collection<TopicPartition> partitions) {
    Map<TopicPartition, PartitionAlerts> rebuilt = new HashMap<>();
    if (partitions.isEmpty()) {
      return rebuilt;
    }
    List<TopicPartition> assigned = new ArrayList<>(partitions);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(clientProperties)) {
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, timeout);
      for (TopicPartition partition : assigned) {
        PartitionAlerts alerts = PartitionAlerts.empty();
        alerts.rebuiltUpTo(ends.getOrDefault(partition, 0L));
        rebuilt.put(partition, alerts);
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!caughtUp(consumer, assigned, ends)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("reading " + assigned + " up to the end offsets " + ends
              + " took longer than " + timeout + "; is the broker reachable?");
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          CostAlert alert = decode(record);
          if (alert != null && record.offset() < ends.get(partition)) {
            rebuilt.get(partition).rebuild(record.offset(), alert);
          }
        }
      }
    }
    return rebuilt;
  }

  private static boolean caughtUp(
      KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> ends) {
    for (TopicPartition partition : partitions) {
      if (consumer.position(partition) < ends.getOrDefault(partition, 0L)) {
        return false;
      }
    }
    return true;
  }

  private CostAlert decode(ConsumerRecord<String, byte[]> record) {
    try {
      return deserializer.deserialize(record.topic(), record.value());
    } catch (WireFormatException e) {
      log.warn("{}-{}@{}: not a CostAlert, ignored while rebuilding the active alerts: {}",
          record.topic(), record.partition(), record.offset(), e.getMessage());
      return null;
    }
  }
}
