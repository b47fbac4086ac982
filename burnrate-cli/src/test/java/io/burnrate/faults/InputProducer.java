package io.burnrate.faults;

import io.burnrate.config.TopicNames;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.serde.AvroWireSerializer;
import io.burnrate.serde.SchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Produces the day's settings and replica events as another team would: endpoint id keys, wire-format values. */
final class InputProducer implements AutoCloseable {
  private static final TopicNames TOPICS = TopicNames.DEFAULTS;
  private static final long ACK_TIMEOUT_MS = 30_000;

  private final KafkaProducer<byte[], byte[]> producer;
  private final AvroWireSerializer<EndpointConfig> configs;
  private final AvroWireSerializer<ReplicaEvent> replicas;
  private final AvroWireSerializer<InferenceRequest> requests;

  InputProducer(String bootstrapServers, SchemaRegistryClient registry) {
    this.configs = new AvroWireSerializer<>(registry, EndpointConfig.class, true);
    this.replicas = new AvroWireSerializer<>(registry, ReplicaEvent.class, true);
    this.requests = new AvroWireSerializer<>(registry, InferenceRequest.class, true);
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  void sendConfigs(List<EndpointConfig> settings) {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (EndpointConfig config : settings) {
      acks.add(send(TOPICS.endpointConfig(), config.getEndpointId(), configs.serialize(TOPICS.endpointConfig(), config)));
    }
    awaitAcks(acks, settings.size() + " settings");
  }

  /** Sends the events in order and returns once the broker has acknowledged each. */
  void sendEvents(List<ReplicaEvent> events) {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (ReplicaEvent event : events) {
      acks.add(send(TOPICS.replicas(), event.getEndpointId(), replicas.serialize(TOPICS.replicas(), event)));
    }
    awaitAcks(acks, events.size() + " replica events");
  }

  /** Sends the requests in order and returns once the broker has acknowledged each. */
  void sendRequests(List<InferenceRequest> batch) {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (InferenceRequest request : batch) {
      acks.add(send(TOPICS.requests(), request.getEndpointId(), requests.serialize(TOPICS.requests(), request)));
    }
    awaitAcks(acks, batch.size() + " requests");
  }

  private Future<RecordMetadata> send(String topic, String key, byte[] value) {
    return producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
  }

  private void awaitAcks(List<Future<RecordMetadata>> acks, String what) {
    producer.flush();
    try {
      for (Future<RecordMetadata> ack : acks) {
        ack.get(ACK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending " + what, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the broker did not acknowledge " + what + ": " + e, e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
