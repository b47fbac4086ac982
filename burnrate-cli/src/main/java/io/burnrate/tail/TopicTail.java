package io.burnrate.tail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one topic's committed records (read_committed: what an exactly-once pipeline has really
 * produced), every partition, without a consumer group: a tail commits nothing and disturbs no one.
 */
public final class TopicTail implements AutoCloseable {
  public enum Start { BEGINNING, END }

  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<String, byte[]> consumer;

  public TopicTail(Map<String, Object> clientProperties, String topic, Start start, Duration metadataTimeout) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumer = new KafkaConsumer<>(props);
    List<PartitionInfo> partitions = consumer.partitionsFor(topic, metadataTimeout);
    if (partitions == null || partitions.isEmpty()) {
      consumer.close();
      throw new IllegalStateException("topic " + topic + " does not exist (yet); start the pipeline first, or"
          + " check bootstrap.servers");
    }
    List<TopicPartition> assigned = new ArrayList<>();
    for (PartitionInfo p : partitions) {
      assigned.add(new TopicPartition(topic, p.partition()));
    }
    consumer.assign(assigned);
    if (start == Start.BEGINNING) {
      consumer.seekToBeginning(assigned);
    } else {
      consumer.seekToEnd(assigned);
    }
  }

  /**
   * Hands records to {@code sink} until {@code stop} says so, {@code maxRecords} were read (0: no
   * limit), or nothing arrived for {@code idleTimeout} (null: wait forever). Returns the count read.
   */
  public long run(Consumer<ConsumerRecord<String, byte[]>> sink, long maxRecords, Duration idleTimeout,
      BooleanSupplier stop) {
    long read = 0;
    long lastRecordAt = System.nanoTime();
    while (!stop.getAsBoolean()) {
      var records = consumer.poll(POLL);
      if (records.isEmpty()) {
        if (idleTimeout != null && System.nanoTime() - lastRecordAt >= idleTimeout.toNanos()) {
          return read;
        }
        continue;
      }
      lastRecordAt = System.nanoTime();
      for (ConsumerRecord<String, byte[]> record : records) {
        sink.accept(record);
        read++;
        if (maxRecords > 0 && read >= maxRecords) {
          return read;
        }
      }
    }
    return read;
  }

  /** Interrupts a blocking {@link #run} from another thread (Ctrl-C). */
  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
