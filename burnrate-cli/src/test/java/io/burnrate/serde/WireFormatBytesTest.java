package io.burnrate.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnrate.config.TopicNames;
import io.burnrate.schema.InferenceRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class WireFormatBytesTest {

  private static final String TOPIC = TopicNames.DEFAULTS.requests();

  /** Answers every registration with one id, so the header's byte order shows. */
  private static final class FixedIdRegistry implements SchemaRegistryClient {
    final int id;
    final List<String> registeredSubjects = new ArrayList<>();
    Schema registered;

    FixedIdRegistry(int id) {
      this.id = id;
    }

    @Override
    public int register(String subject, Schema schema) {
      registeredSubjects.add(subject);
      registered = schema;
      return id;
    }

    @Override
    public Schema getById(int requested) {
      assertThat(requested).isEqualTo(id);
      return registered;
    }

    @Override
    public int getId(String subject, Schema schema) {
      throw new AssertionError("the serializer registers when auto-registration is on");
    }

    @Override
    public Optional<String> compatibility(String subject) {
      return Optional.empty();
    }

    @Override
    public void setCompatibility(String subject, String level) {}

    @Override
    public boolean isCompatible(String subject, Schema schema) {
      return true;
    }
  }

  private static InferenceRequest tinyRequest() {
    return InferenceRequest.newBuilder()
        .setRequestId("r")
        .setEndpointId("e")
        .setTimestamp(Instant.ofEpochMilli(1))
        .setRegion("u")
        .setInstanceType("c")
        .setLatencyMs(1.5)
        .setStatusCode(200)
        .setQueueDepth(3)
        .build();
  }

  @Test
  void writesMagicByteBigEndianIdAndAvroBinary() {
    FixedIdRegistry registry = new FixedIdRegistry(0x0A0B0C0D);
    AvroWireSerializer<InferenceRequest> serializer = new AvroWireSerializer<>(registry, InferenceRequest.class, true);

    byte[] bytes = serializer.serialize(TOPIC, tinyRequest());

    assertThat(bytes).containsExactly(
        0x00, 0x0A, 0x0B, 0x0C, 0x0D, // magic byte, schema id big-endian
        0x02, 'r', // request_id: zigzag length 1, "r"
        0x02, 'e', // endpoint_id
        0x02, // timestamp: 1 ms, zigzag 2
        0x02, 'u', // region
        0x02, 'c', // instance_type
        0x00, // replica_id: union branch 0, null
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF8, 0x3F, // latency_ms 1.5, IEEE 754 little-endian
        0x90, 0x03, // status_code 200: zigzag 400 as varint
        0x00, // cold_start false
        0x00, // input_tokens null
        0x00, // output_tokens null
        0x02, 0x06, // queue_depth: union branch 1, int 3 (zigzag 6)
        0x00); // ttft_ms: union branch 0, null
    assertThat(registry.registeredSubjects).containsExactly("inference.requests-value");
    assertThat(WireFormat.schemaIdOf(bytes)).isEqualTo(0x0A0B0C0D);
  }

  @Test
  void firstRegisteredSchemaHasIdOne() {
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    byte[] bytes = new AvroWireSerializer<>(registry, InferenceRequest.class, true).serialize(TOPIC, tinyRequest());

    assertThat(bytes).startsWith(0x00, 0x00, 0x00, 0x00, 0x01);
  }

  @Test
  void readsTheTinyRecordBack() {
    FixedIdRegistry registry = new FixedIdRegistry(0x7FFFFFFF);
    AvroWireSerde<InferenceRequest> serde = new AvroWireSerde<>(registry, InferenceRequest.class, true);

    byte[] bytes = serde.serializer().serialize(TOPIC, tinyRequest());

    assertThat(bytes).startsWith(0x00, 0x7F, 0xFF, 0xFF, 0xFF);
    assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(tinyRequest());
  }

  @Test
  void schemaIdOfReadsTheHeaderOnly() {
    assertThat(WireFormat.schemaIdOf(new byte[] {0, 0, 0, 1, 2})).isEqualTo(258);
    assertThat(WireFormat.schemaIdOf(new byte[] {0, 0, 0, 0, 9, (byte) 0xFF})).isEqualTo(9);
    assertThatThrownBy(() -> WireFormat.schemaIdOf(new byte[] {'{', '"', 'a', '"', ':'}))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("unknown magic byte 0x7b, expected 0x00 (not Confluent wire format)");
    assertThatThrownBy(() -> WireFormat.schemaIdOf(new byte[] {0, 0}))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("2 byte(s), expected at least 5 (magic byte 0x00 and a 4-byte schema id)");
    assertThatThrownBy(() -> WireFormat.schemaIdOf(null))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("no bytes (null)");
  }

  @Test
  void registersTheSchemaWithoutJavaOnlyProperties() {
    FixedIdRegistry registry = new FixedIdRegistry(1);
    new AvroWireSerializer<>(registry, InferenceRequest.class, true).serialize(TOPIC, tinyRequest());

    assertThat(InferenceRequest.getClassSchema().toString()).contains("avro.java.string");
    assertThat(registry.registered.toString()).doesNotContain("avro.java.string");
    assertThat(registry.registered.getFullName()).isEqualTo("io.burnrate.schema.InferenceRequest");
    assertThat(registry.registered.getField("timestamp").schema().getLogicalType().getName())
        .isEqualTo("timestamp-millis");
  }
}
