package io.burnrate.sim;

import io.burnrate.serde.AvroWireSerializer;
import io.burnrate.serde.SchemaRegistryClient;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces a simulation to its topics as the contract says: key the endpoint id (UTF-8 string), value
 * Avro in the Confluent wire format, the schema registered under {@code <topic>-value} on first use;
 * an idempotent producer ({@code acks=all}), flushed at the end. The record timestamp is left to the
 * producer (wall-clock), since the pipeline reads event time from the records' own fields.
 */
public final class KafkaSink implements EventSink {
  private final Producer<String, byte[]> producer;
  private final SchemaRegistryClient registry;
  private final Map<Class<?>, AvroWireSerializer<SpecificRecord>> serializers = new HashMap<>();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private long sent;

  /**
   * @param producerConfig Kafka producer settings (at least {@code bootstrap.servers}); idempotence,
   *     {@code acks=all} and the serializers are set here
   */
  public KafkaSink(Map<String, Object> producerConfig, SchemaRegistryClient registry) {
    this(new KafkaProducer<>(withDefaults(producerConfig), new StringSerializer(), new ByteArraySerializer()),
        registry);
  }

  KafkaSink(Producer<String, byte[]> producer, SchemaRegistryClient registry) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  static Map<String, Object> withDefaults(Map<String, Object> config) {
    Map<String, Object> props = new HashMap<>(config);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "burnrate-simulate");
    props.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
    props.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
    return props;
  }

  /** Sends every event at its pace, then flushes; returns the number of records sent. */
  public long send(Iterator<SimEvent> events, Pace pace, Progress progress) throws IOException, InterruptedException {
    return Drain.run(events, pace, progress, List.of(this));
  }

  @Override
  public void accept(SimEvent event) {
    throwIfFailed();
    byte[] value = serializerFor(event.value()).serialize(event.topic(), event.value());
    try {
      producer.send(new ProducerRecord<>(event.topic(), event.key(), value), (metadata, error) -> {
        if (error != null) {
          failure.compareAndSet(null, new KafkaException("producing to " + event.topic() + " (key " + event.key()
              + ") failed: " + error.getMessage() + "; check that the topic exists and the brokers are reachable",
              error));
        }
      });
    } catch (KafkaException e) {
      throw new KafkaException("producing to " + event.topic() + " (key " + event.key() + ") failed: "
          + e.getMessage(), e);
    }
    sent++;
  }

  public long sent() {
    return sent;
  }

  @SuppressWarnings("unchecked")
  private AvroWireSerializer<SpecificRecord> serializerFor(SpecificRecord value) {
    return serializers.computeIfAbsent(value.getClass(),
        type -> new AvroWireSerializer<>(registry, (Class<SpecificRecord>) type, true));
  }

  private void throwIfFailed() {
    Exception error = failure.get();
    if (error instanceof RuntimeException runtime) {
      throw runtime;
    }
  }

  @Override
  public void finish() {
    producer.flush();
    throwIfFailed();
  }

  @Override
  public void close() {
    producer.close();
  }
}
