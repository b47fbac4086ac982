package io.burnrate.http;

import io.burnrate.config.TopicNames;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.serde.AvroWireSerializer;
import io.burnrate.serde.HttpSchemaRegistryClient;
import io.burnrate.serde.RegistryClientSettings;
import io.burnrate.serde.SchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes input records to the embedded broker in the contract's wire format, keyed by endpoint. */
final class BrokerInputs implements AutoCloseable {
  private static final TopicNames TOPICS = TopicNames.DEFAULTS;

  private final KafkaProducer<byte[], byte[]> producer;
  private final SchemaRegistryClient registry;

  BrokerInputs(String bootstrapServers, String registryUrl) {
    producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    registry = new HttpSchemaRegistryClient(RegistryClientSettings.forUrls(registryUrl));
  }

  void config(EndpointConfig config) {
    send(TOPICS.endpointConfig(), config.getEndpointId(), config, EndpointConfig.class);
  }

  void request(InferenceRequest request) {
    send(TOPICS.requests(), request.getEndpointId(), request, InferenceRequest.class);
  }

  void bill(BillingEvent bill) {
    send(TOPICS.billing(), bill.getEndpointId(), bill, BillingEvent.class);
  }

  private <T extends SpecificRecord> void send(String topic, String endpoint, T value, Class<T> type) {
    byte[] bytes = new AvroWireSerializer<>(registry, type, true).serialize(topic, value);
    producer.send(new ProducerRecord<>(topic, endpoint.getBytes(StandardCharsets.UTF_8), bytes));
  }

  void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}
