package io.burnrate.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads an output topic as a read_committed subscriber would, from its start, on a thread of its own,
 * and notes for each record that matters (by key) its broker timestamp and when it arrived here.
 */
final class OutputWatch implements AutoCloseable {
  /** One output seen: its broker timestamp and this machine's clock on arrival, both epoch ms. */
  record Seen(long appendedAt, long arrivedAt) {}

  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread thread;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();

  OutputWatch(BenchCluster cluster, String topic, int partitions, Predicate<ConsumerRecord<String, byte[]>> matters) {
    Map<String, Object> config = new HashMap<>();
    cluster.clientSettings().forEach((key, value) -> {
      if (ConsumerConfig.configNames().contains(key)) {
        config.put(key, value);
      }
    });
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "burnrate-bench-watch");
    this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> all = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      all.add(new TopicPartition(topic, p));
    }
    consumer.assign(all);
    consumer.seekToBeginning(all);
    this.thread = new Thread(() -> {
      try {
        while (!closed.get()) {
          for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
            long arrived = System.currentTimeMillis();
            if (record.key() != null && matters.test(record)) {
              seen.putIfAbsent(record.key(), new Seen(record.timestamp(), arrived));
            }
          }
        }
      } catch (WakeupException e) {
        // closing
      } catch (RuntimeException e) {
        failure.set(e);
      }
    }, "burnrate-bench-watch-" + topic);
    thread.setDaemon(true);
    thread.start();
  }

  Map<String, Seen> seen() {
    return seen;
  }

  Exception failure() {
    return failure.get();
  }

  @Override
  public void close() throws InterruptedException {
    closed.set(true);
    consumer.wakeup();
    thread.join(10_000);
    consumer.close(Duration.ofSeconds(5));
  }
}
