package io.burnrate.replay;

import io.burnrate.schema.BillingEvent;
import io.burnrate.serde.AvroWireSerializer;
import io.burnrate.serde.RegistryException;
import io.burnrate.serde.SchemaRegistryClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends billing events to a topic as the contract says: key the {@code endpoint_id} (UTF-8), value
 * the Confluent wire format; the record timestamp is the {@code usage_end} (or the time of sending,
 * see {@link RecordTime}). An idempotent producer with
 * {@code acks=all}: no retry writes a row twice. The first failed send fails the replay.
 */
public final class KafkaBillingSink implements Sink {
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final Producer<String, BillingEvent> producer;
  private final String topic;
  private final RecordTime recordTime;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

  /**
   * @param clientProperties Kafka client settings (bootstrap servers, security); other keys are ignored
   * @param registry where the {@code BillingEvent} schema is registered under {@code <topic>-value}
   * @param topic the billing topic
   * @param autoRegister register the schema when the subject lacks it
   * @param recordTime the record timestamp: the row's {@code usage_end} or the time of sending
   */
  public KafkaBillingSink(Map<String, ?> clientProperties, SchemaRegistryClient registry, String topic,
      boolean autoRegister, RecordTime recordTime) {
    this(new KafkaProducer<>(producerProperties(clientProperties), new StringSerializer(),
        new AvroWireSerializer<>(registry, BillingEvent.class, autoRegister)), topic, recordTime);
  }

  KafkaBillingSink(Producer<String, BillingEvent> producer, String topic, RecordTime recordTime) {
    this.producer = producer;
    this.topic = topic;
    this.recordTime = recordTime;
  }

  /** The client settings a producer understands, with idempotence and {@code acks=all} on top. */
  static Map<String, Object> producerProperties(Map<String, ?> clientProperties) {
    Map<String, Object> props = new HashMap<>();
    clientProperties.forEach((key, value) -> {
      if (ProducerConfig.configNames().contains(key)) {
        props.put(key, value);
      }
    });
    props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "burnrate-replay");
    return props;
  }

  @Override
  public void send(BillingEvent event, String origin) {
    throwIfFailed();
    Long timestamp = recordTime == RecordTime.USAGE_END ? event.getUsageEnd().toEpochMilli() : null;
    ProducerRecord<String, BillingEvent> record =
        new ProducerRecord<>(topic, null, timestamp, event.getEndpointId(), event);
    try {
      producer.send(record, (metadata, error) -> {
        if (error == null) {
          acknowledged.incrementAndGet();
        } else {
          failure.compareAndSet(null, failed(origin, event, error));
        }
      });
    } catch (KafkaException | RegistryException e) {
      throw failed(origin, event, e);
    }
  }

  @Override
  public void flush() {
    try {
      producer.flush();
    } catch (KafkaException e) {
      failure.compareAndSet(null, new ReplayFailedException("cannot flush the rows sent to " + topic + ": "
          + e.getMessage(), e));
    }
    throwIfFailed();
  }

  @Override
  public long sent() {
    return acknowledged.get();
  }

  @Override
  public void close() {
    producer.close(CLOSE_TIMEOUT);
  }

  private void throwIfFailed() {
    RuntimeException error = failure.get();
    if (error != null) {
      throw error;
    }
  }

  private ReplayFailedException failed(String origin, BillingEvent event, Exception error) {
    return new ReplayFailedException("cannot send " + origin + " (line_item_id " + event.getLineItemId() + ") to "
        + topic + ": " + error.getMessage(), error);
  }
}
