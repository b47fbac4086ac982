package io.burnrate.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnrate.schema.BillingCategory;
import io.burnrate.schema.BillingEvent;
import io.burnrate.serde.AvroWireDeserializer;
import io.burnrate.serde.AvroWireSerializer;
import io.burnrate.serde.InMemorySchemaRegistryClient;
import io.burnrate.serde.RegistryException;
import io.burnrate.serde.SchemaRegistryClient;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaBillingSinkTest {
  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final AvroWireSerializer<BillingEvent> values = new AvroWireSerializer<>(registry, BillingEvent.class, true);

  @Test
  void sendsKeyedByEndpointWithUsageEndAsTheRecordTimestamp() {
    MockProducer<String, BillingEvent> producer = new MockProducer<>(true, null, new StringSerializer(), values);
    BillingEvent event = event("li-1", "ep-a");

    try (KafkaBillingSink sink = new KafkaBillingSink(producer, "billing.events", RecordTime.USAGE_END)) {
      sink.send(event, "bill.csv:2");
      sink.flush();
      assertThat(sink.sent()).isEqualTo(1);
    }

    ProducerRecord<String, BillingEvent> record = producer.history().get(0);
    assertThat(record.topic()).isEqualTo("billing.events");
    assertThat(record.key()).isEqualTo("ep-a");
    assertThat(record.value()).isEqualTo(event);
    assertThat(record.timestamp()).isEqualTo(Instant.parse("2026-11-02T11:00:00Z").toEpochMilli());
    byte[] wire = values.serialize("billing.events", event);
    assertThat(wire[0]).isZero();
    assertThat(new AvroWireDeserializer<>(registry, BillingEvent.class).deserialize("billing.events", wire))
        .isEqualTo(event);
    assertThat(producer.closed()).isTrue();
  }

  @Test
  void canLeaveTheRecordTimestampToTheProducer() {
    MockProducer<String, BillingEvent> producer = new MockProducer<>(true, null, new StringSerializer(), values);

    try (KafkaBillingSink sink = new KafkaBillingSink(producer, "billing.events", RecordTime.NOW)) {
      sink.send(event("li-1", "ep-a"), "bill.csv:2");
    }

    assertThat(producer.history().get(0).timestamp()).isNull();
  }

  @Test
  void aFailedSendFailsTheFlushNamingTheRowAndTheLineItem() {
    MockProducer<String, BillingEvent> producer = new MockProducer<>(false, null, new StringSerializer(), values);
    KafkaBillingSink sink = new KafkaBillingSink(producer, "billing.events", RecordTime.USAGE_END);
    sink.send(event("li-1", "ep-a"), "bill.csv:2");
    sink.send(event("li-2", "ep-a"), "bill.csv:3");

    producer.errorNext(new NotEnoughReplicasException("not enough replicas"));

    assertThatThrownBy(sink::flush).isInstanceOf(ReplayFailedException.class)
        .hasMessage("cannot send bill.csv:2 (line_item_id li-1) to billing.events: not enough replicas");
    assertThat(sink.sent()).isEqualTo(1);
    assertThatThrownBy(() -> sink.send(event("li-3", "ep-a"), "bill.csv:4"))
        .isInstanceOf(ReplayFailedException.class);
    assertThat(producer.history()).hasSize(2);
    sink.close();
  }

  @Test
  void aRegistryThatRefusesTheSchemaFailsTheSendNamingTheRow() {
    SchemaRegistryClient refusing = new RefusingRegistry();
    MockProducer<String, BillingEvent> producer = new MockProducer<>(true, null, new StringSerializer(),
        new AvroWireSerializer<>(refusing, BillingEvent.class, true));

    try (KafkaBillingSink sink = new KafkaBillingSink(producer, "billing.events", RecordTime.USAGE_END)) {
      assertThatThrownBy(() -> sink.send(event("li-1", "ep-a"), "bill.csv:2"))
          .isInstanceOf(ReplayFailedException.class)
          .hasMessageStartingWith("cannot send bill.csv:2 (line_item_id li-1) to billing.events: ")
          .hasMessageContaining("incompatible with an earlier schema").hasMessageContaining("billing.events-value");
    }
  }

  @Test
  void theProducerIsIdempotentWithAcksAllAndTakesOnlyProducerSettings() {
    Map<String, Object> props = KafkaBillingSink.producerProperties(Map.of(
        "bootstrap.servers", "kafka:9092",
        "security.protocol", "SASL_SSL",
        "sasl.mechanism", "PLAIN",
        "application.id", "burnrate",
        "processing.guarantee", "exactly_once_v2",
        "transactional.id", "someone-else",
        "enable.idempotence", "false",
        "acks", "1"));

    assertThat(props).containsEntry("bootstrap.servers", "kafka:9092")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "PLAIN")
        .containsEntry("enable.idempotence", "true")
        .containsEntry("acks", "all")
        .doesNotContainKeys("application.id", "processing.guarantee", "transactional.id");
  }

  /** A registry that refuses every new schema as incompatible. */
  private static final class RefusingRegistry implements SchemaRegistryClient {
    @Override
    public int register(String subject, Schema schema) {
      throw RegistryException.rejected("register " + schema.getFullName(), 409, 409,
          "Schema being registered is incompatible with an earlier schema", subject, null);
    }

    @Override
    public Schema getById(int id) {
      throw RegistryException.rejected("get schema " + id, 404, 40403, "Schema not found", null, id);
    }

    @Override
    public int getId(String subject, Schema schema) {
      throw RegistryException.rejected("look up " + schema.getFullName(), 404, 40401, "Subject not found", subject,
          null);
    }

    @Override
    public Optional<String> compatibility(String subject) {
      return Optional.empty();
    }

    @Override
    public void setCompatibility(String subject, String level) {}

    @Override
    public boolean isCompatible(String subject, Schema schema) {
      return false;
    }
  }

  private static BillingEvent event(String lineItem, String endpoint) {
    return BillingEvent.newBuilder()
        .setLineItemId(lineItem)
        .setEndpointId(endpoint)
        .setUsageStart(Instant.parse("2026-11-02T10:00:00Z"))
        .setUsageEnd(Instant.parse("2026-11-02T11:00:00Z"))
        .setCategory(BillingCategory.COMPUTE)
        .setInstanceType(null)
        .setRegion("us-east-1")
        .setQuantity(1.0)
        .setUnit("instance-hour")
        .setCostUsd(1.2)
        .build();
  }
}
