package io.burnrate.registryfaults;

import io.burnrate.config.TopicNames;
import io.burnrate.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads what the pipeline committed to {@code cost.metrics.hourly} and the dead-letter topic, from
 * the beginning: the latest metrics per endpoint and every dead letter.
 */
final class OutputWatcher implements AutoCloseable {
  private static final TopicNames TOPICS = TopicNames.DEFAULTS;
  private static final Duration POLL = Duration.ofMillis(100);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Deserializer<Map<String, Object>> metricsReader = JsonSerde.forMaps().deserializer();
  private final Map<String, Map<String, Object>> latestMetrics = new HashMap<>();
  private final List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();

  OutputWatcher(String bootstrapServers) {
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(TOPICS.hourlyMetrics(), TOPICS.deadLetters())) {
      consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Reads what has arrived since the last call. */
  OutputWatcher poll() {
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
      if (record.topic().equals(TOPICS.deadLetters())) {
        deadLetters.add(record);
      } else {
        Map<String, Object> metrics = metricsReader.deserialize(record.topic(), record.value());
        latestMetrics.merge(key(record), metrics, (earlier, later) ->
            ((Number) later.get("timestamp")).longValue() >= ((Number) earlier.get("timestamp")).longValue()
                ? later : earlier);
      }
    }
    return this;
  }

  /** Requests counted in the endpoint's latest hour, 0 before any metrics. */
  long requests(String endpoint) {
    Object requests = metrics(endpoint).get("requests");
    return requests == null ? 0 : ((Number) requests).longValue();
  }

  /** The endpoint's latest metrics record, empty before any. */
  Map<String, Object> metrics(String endpoint) {
    return latestMetrics.getOrDefault(endpoint, Map.of());
  }

  /** Dead letters whose key is one of {@code endpoints}. */
  List<ConsumerRecord<byte[], byte[]>> deadLettersOf(List<String> endpoints) {
    return deadLetters.stream()
        .filter(r -> r.key() != null && endpoints.contains(new String(r.key(), StandardCharsets.UTF_8)))
        .toList();
  }

  private static String key(ConsumerRecord<byte[], byte[]> record) {
    return new String(record.key(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
