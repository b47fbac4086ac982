package io.burnrate.topology;

import io.burnrate.serde.AvroWireSerializer;
import io.burnrate.serde.SchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Produces input records as other teams do: key the endpoint id as plain UTF-8, value in the
 * registry's wire format, Kafka's default partitioner. One producer, so records reach each
 * partition in the order sent.
 */
final class WireProducer implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final SchemaRegistryClient registry;
  private final Map<Class<?>, AvroWireSerializer<SpecificRecord>> serializers = new HashMap<>();

  WireProducer(String bootstrapServers, SchemaRegistryClient registry) {
    this.registry = registry;
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  /** The wire-format bytes of {@code value} on {@code topic}, registering its schema if needed. */
  @SuppressWarnings("unchecked")
  byte[] encode(String topic, SpecificRecord value) {
    AvroWireSerializer<SpecificRecord> serializer = serializers.computeIfAbsent(value.getClass(),
        type -> new AvroWireSerializer<>(registry, (Class<SpecificRecord>) type, true));
    return serializer.serialize(topic, value);
  }

  Future<RecordMetadata> send(String topic, String key, byte[] value) {
    return producer.send(
        new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value));
  }

  Future<RecordMetadata> send(String topic, String key, SpecificRecord value) {
    return send(topic, key, encode(topic, value));
  }

  Future<RecordMetadata> send(DayScript.Entry entry) {
    return entry.value() instanceof byte[] raw
        ? send(entry.topic(), entry.key(), raw)
        : send(entry.topic(), entry.key(), (SpecificRecord) entry.value());
  }

  /** Sends the entries in order and returns once the broker has acknowledged every one. */
  void sendAll(List<DayScript.Entry> entries) {
    List<Future<RecordMetadata>> acks = new ArrayList<>(entries.size());
    entries.forEach(entry -> acks.add(send(entry)));
    producer.flush();
    for (int i = 0; i < acks.size(); i++) {
      try {
        acks.get(i).get();
      } catch (ExecutionException e) {
        DayScript.Entry entry = entries.get(i);
        throw new IllegalStateException("the broker refused the record for " + entry.key() + " on " + entry.topic()
            + " arriving at " + entry.arrival(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the broker's acknowledgements", e);
      }
    }
  }

  /** The partition Kafka's default partitioner gives {@code key} among {@code partitions}. */
  static int partitionOf(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  @Override
  public void close() {
    producer.close();
  }
}
