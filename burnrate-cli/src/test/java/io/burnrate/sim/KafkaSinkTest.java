package io.burnrate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnrate.config.TopicNames;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.serde.AvroWireDeserializer;
import io.burnrate.serde.InMemorySchemaRegistryClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** What the Kafka sink hands the producer: contract topics, endpoint-id keys, Confluent wire-format values. */
class KafkaSinkTest {
  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

  private static SimulationPlan plan() {
    return SimulationPlan.builder().endpoints(3).duration(Duration.ofHours(2)).peakRate(0.5).noScenarios().build();
  }

  @Test
  void producesEveryRecordKeyedByEndpointInTheWireFormat() throws Exception {
    SimulationPlan plan = plan();
    List<SimEvent> expected = new ArrayList<>();
    new Simulator(plan).events().forEachRemaining(expected::add);

    long sent;
    try (KafkaSink sink = new KafkaSink(producer, registry)) {
      sent = sink.send(new Simulator(plan).events(), Pace.unpaced(), Progress.NONE);
    }

    List<ProducerRecord<String, byte[]>> history = producer.history();
    assertThat(sent).isEqualTo(expected.size());
    assertThat(history).hasSameSizeAs(expected);
    assertThat(producer.flushed()).isTrue();
    TopicNames topics = TopicNames.DEFAULTS;
    Map<String, Class<? extends SpecificRecord>> types = Map.of(
        topics.endpointConfig(), EndpointConfig.class, topics.requests(), InferenceRequest.class,
        topics.replicas(), ReplicaEvent.class, topics.billing(), BillingEvent.class);
    for (int i = 0; i < history.size(); i++) {
      ProducerRecord<String, byte[]> record = history.get(i);
      SimEvent event = expected.get(i);
      assertThat(record.topic()).isEqualTo(event.topic()).isIn(types.keySet());
      assertThat(record.key()).isEqualTo(event.key()).isEqualTo(String.valueOf(event.value().get(endpointIdField(event))));
      assertThat(record.timestamp()).as("wall-clock timestamp, event time is in the value").isNull();
      ByteBuffer value = ByteBuffer.wrap(record.value());
      assertThat(value.get()).isZero();
      int schemaId = value.getInt();
      assertThat(schemaId).isEqualTo(registry.getId(record.topic() + "-value", registry.getById(schemaId)));
      assertThat(decode(types.get(record.topic()), record)).isEqualTo(event.value());
    }
    assertThat(history).extracting(ProducerRecord::topic).contains(topics.endpointConfig(), topics.requests(),
        topics.replicas(), topics.billing());
  }

  @Test
  void theProducerIsIdempotentAndAcknowledgedByAllReplicas() {
    Map<String, Object> config = KafkaSink.withDefaults(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.ACKS_CONFIG, "1"));
    assertThat(config).containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
        .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
  }

  @Test
  void aFailedSendStopsTheRunWithTheTopicInTheMessage() {
    MockProducer<String, byte[]> failing = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    KafkaSink sink = new KafkaSink(failing, registry);
    Iterator<SimEvent> events = new Simulator(plan()).events();
    sink.accept(events.next());
    failing.errorNext(new KafkaException("broker says no"));

    assertThatThrownBy(() -> sink.accept(events.next())).isInstanceOf(KafkaException.class)
        .hasMessageContaining("producing to endpoint.config").hasMessageContaining("broker says no");
  }

  private static int endpointIdField(SimEvent event) {
    return event.value().getSchema().getField("endpoint_id").pos();
  }

  private <T extends SpecificRecord> T decode(Class<T> type, ProducerRecord<String, byte[]> record) {
    return new AvroWireDeserializer<>(registry, type).deserialize(record.topic(), record.value());
  }
}
