package io.burnrate.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the records a read_committed reader sees in each output topic (end offsets alone would count
 * transaction markers too), reading each topic from its start to its last stable offset.
 */
final class OutputCounter {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final BenchCluster cluster;
  private final int partitions;

  OutputCounter(BenchCluster cluster, int partitions) {
    this.cluster = cluster;
    this.partitions = partitions;
  }

  /** Records per output, by role, in the order given. */
  Map<String, Long> count(Map<String, String> outputsByRole) {
    Map<String, Object> config = new HashMap<>();
    cluster.clientSettings().forEach((key, value) -> {
      if (ConsumerConfig.configNames().contains(key)) {
        config.put(key, value);
      }
    });
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase(java.util.Locale.ROOT));
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "burnrate-bench-counter");
    Map<String, Long> counts = new LinkedHashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      for (Map.Entry<String, String> output : outputsByRole.entrySet()) {
        counts.put(output.getKey(), countTopic(consumer, output.getValue()));
      }
    }
    return counts;
  }

  private long countTopic(KafkaConsumer<byte[], byte[]> consumer, String topic) {
    List<TopicPartition> all = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      all.add(new TopicPartition(topic, p));
    }
    consumer.assign(all);
    consumer.seekToBeginning(all);
    Map<TopicPartition, Long> ends = consumer.endOffsets(all);
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    long count = 0;
    while (!atEnd(consumer, ends)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("counting the records of " + topic + " took longer than " + TIMEOUT
            + "; read " + count + " so far");
      }
      count += consumer.poll(Duration.ofMillis(200)).count();
    }
    consumer.unsubscribe();
    return count;
  }

  private static boolean atEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }
}
