package io.burnrate.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.burnrate.config.TopicNames;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class AvroWireBadBytesTest {

  private static final String TOPIC = TopicNames.DEFAULTS.requests();

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final AvroWireSerde<InferenceRequest> serde = new AvroWireSerde<>(registry, InferenceRequest.class, true);

  private byte[] validRequest() {
    return serde.serializer().serialize(TOPIC, ContractRecords.request(true));
  }

  private InferenceRequest read(byte[] bytes) {
    return serde.deserializer().deserialize(TOPIC, bytes);
  }

  private static byte[] concat(byte[] first, int... more) {
    byte[] joined = Arrays.copyOf(first, first.length + more.length);
    for (int i = 0; i < more.length; i++) {
      joined[first.length + i] = (byte) more[i];
    }
    return joined;
  }

  @Test
  void emptyValue() {
    assertThatThrownBy(() -> read(new byte[0]))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("inference.requests: 0 byte(s), expected at least 5 (magic byte 0x00 and a 4-byte schema id)");
  }

  @Test
  void shorterThanTheHeader() {
    assertThatThrownBy(() -> read(new byte[] {0, 0, 0, 1}))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("inference.requests: 4 byte(s), expected at least 5 (magic byte 0x00 and a 4-byte schema id)");
  }

  @Test
  void plainJsonHasTheWrongMagicByte() {
    byte[] json = "{\"request_id\":\"r\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> read(json))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("inference.requests: unknown magic byte 0x7b, expected 0x00 (not Confluent wire format)");
  }

  @Test
  void unknownSchemaId() {
    byte[] bytes = validRequest();
    bytes[4] = 99;

    assertThatThrownBy(() -> read(bytes))
        .isInstanceOf(WireFormatException.class)
        .hasMessageStartingWith("inference.requests: unknown schema id 99 (")
        .hasMessageContaining("40403");
  }

  @Test
  void headerWithoutPayload() {
    byte[] bytes = Arrays.copyOf(validRequest(), WireFormat.HEADER_LENGTH);

    assertThatThrownBy(() -> read(bytes))
        .isInstanceOf(WireFormatException.class)
        .hasMessageStartingWith("inference.requests: truncated Avro payload for schema id 1 (0 payload byte(s)");
  }

  @Test
  void truncatedPayload() {
    byte[] valid = validRequest();
    for (int cut = 1; cut < valid.length - WireFormat.HEADER_LENGTH; cut++) {
      byte[] bytes = Arrays.copyOf(valid, valid.length - cut);
      assertThatThrownBy(() -> read(bytes))
          .as("cut %d byte(s)", cut)
          .isInstanceOf(WireFormatException.class)
          .hasMessageStartingWith("inference.requests: truncated Avro payload for schema id 1 (");
    }
  }

  @Test
  void aDeclaredLengthBeyondTheDataIsRefusedBeforeAllocating() {
    // request_id declares 2^30 - 1 bytes (zigzag varint fe ff ff ff 07), then 3 bytes follow
    byte[] bytes = {0, 0, 0, 0, 1, (byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 'a', 'b', 'c'};
    registry.register(TOPIC + "-value", AvroSchemas.withoutJavaProperties(InferenceRequest.getClassSchema()));

    assertThatThrownBy(() -> read(bytes))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("inference.requests: truncated Avro payload for schema id 1 (8 payload byte(s);"
            + " string of 1073741823 declared, only 3 byte(s) left)");
  }

  @Test
  void aNegativeLength() {
    byte[] bytes = {0, 0, 0, 0, 1, 0x03, 'a'}; // zigzag 3 = -2
    registry.register(TOPIC + "-value", AvroSchemas.withoutJavaProperties(InferenceRequest.getClassSchema()));

    assertThatThrownBy(() -> read(bytes))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("inference.requests: malformed Avro payload for schema id 1"
            + " (MalformedAvroException: string length -2 is negative)");
  }

  @Test
  void aUnionBranchThatDoesNotExist() {
    InferenceRequest request = ContractRecords.request(false);
    byte[] valid = serde.serializer().serialize(TOPIC, request);
    // replica_id's union index follows request_id "req-1", endpoint_id "llama-eu", the timestamp
    // (a 6-byte varint), region "eu-west-1" and instance_type "nvidia-l4"
    int unionIndexAt = WireFormat.HEADER_LENGTH + (1 + 5) + (1 + 8) + 6 + (1 + 9) + (1 + 9);
    assertThat(valid[unionIndexAt]).isEqualTo((byte) 0x00);
    byte[] bytes = valid.clone();
    bytes[unionIndexAt] = 0x08;

    assertThatThrownBy(() -> read(bytes))
        .isInstanceOf(WireFormatException.class)
        .hasMessageStartingWith("inference.requests: malformed Avro payload for schema id 1 (");
  }

  @Test
  void anEnumIndexThatDoesNotExist() {
    AvroWireSerde<ReplicaEvent> replicas = new AvroWireSerde<>(registry, ReplicaEvent.class, true);
    byte[] valid = replicas.serializer().serialize("inference.replicas", ContractRecords.replicaEvent(false));
    // event_id "ev-1", endpoint_id "llama-eu", timestamp (6-byte varint), replica_id "r-3", then the enum
    int enumAt = WireFormat.HEADER_LENGTH + 5 + 9 + 6 + 4;
    assertThat(valid[enumAt]).isEqualTo((byte) 0x00); // SCALE_UP
    byte[] bytes = valid.clone();
    bytes[enumAt] = 0x7e; // index 63

    assertThatThrownBy(() -> replicas.deserializer().deserialize("inference.replicas", bytes))
        .isInstanceOf(WireFormatException.class)
        .hasMessageStartingWith("inference.replicas: malformed Avro payload for schema id ");
  }

  @Test
  void trailingGarbage() {
    byte[] bytes = concat(validRequest(), 0x01, 0x02);

    assertThatThrownBy(() -> read(bytes))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("inference.requests: 2 trailing byte(s) after the InferenceRequest record (schema id 1)");
  }

  @Test
  void aSchemaIdOfAnotherRecord() {
    byte[] billing =
        new AvroWireSerializer<>(registry, BillingEvent.class, true).serialize("billing.events", ContractRecords.billingEvent(true));
    int billingId = WireFormat.schemaIdOf(billing);

    assertThatThrownBy(() -> read(billing))
        .isInstanceOf(WireFormatException.class)
        .hasMessageStartingWith("inference.requests: schema id " + billingId
            + " (io.burnrate.schema.BillingEvent) cannot be read as io.burnrate.schema.InferenceRequest: ");
  }

  @Test
  void anUnreachableRegistryIsNotTheRecordsFault() {
    SchemaRegistryClient down = new SchemaRegistryClient() {
      @Override
      public int register(String subject, Schema schema) {
        throw unreachable();
      }

      @Override
      public Schema getById(int id) {
        throw unreachable();
      }

      @Override
      public int getId(String subject, Schema schema) {
        throw unreachable();
      }

      @Override
      public Optional<String> compatibility(String subject) {
        throw unreachable();
      }

      @Override
      public void setCompatibility(String subject, String level) {
        throw unreachable();
      }

      @Override
      public boolean isCompatible(String subject, Schema schema) {
        throw unreachable();
      }

      private RegistryException unreachable() {
        return new RegistryException("fetch schema by id", "unreachable", RegistryException.NO_RESPONSE,
            RegistryException.NO_RESPONSE, null, null, 1, new java.net.ConnectException("Connection refused"));
      }
    };
    AvroWireDeserializer<InferenceRequest> deserializer = new AvroWireDeserializer<>(down, InferenceRequest.class);

    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, validRequest()))
        .isExactlyInstanceOf(RegistryException.class);
  }

  @Test
  void randomAndMutatedBytesNeverEscapeAsAnythingButWireFormatException() {
    Random random = new Random(20250301L);
    byte[] valid = validRequest();
    for (int round = 0; round < 20_000; round++) {
      byte[] bytes;
      if (round % 2 == 0) {
        bytes = new byte[WireFormat.HEADER_LENGTH + random.nextInt(60)];
        random.nextBytes(bytes);
        System.arraycopy(valid, 0, bytes, 0, WireFormat.HEADER_LENGTH);
      } else {
        bytes = valid.clone();
        for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
          int at = WireFormat.HEADER_LENGTH + random.nextInt(bytes.length - WireFormat.HEADER_LENGTH);
          bytes[at] = (byte) random.nextInt(256);
        }
      }
      try {
        SpecificRecord record = read(bytes);
        assertThat(record).isNotNull();
      } catch (WireFormatException expected) {
        assertThat(expected.getMessage()).startsWith("inference.requests: ");
      } catch (RuntimeException | Error other) {
        fail("round %d: %s escaped for %s", round, other, Arrays.toString(bytes));
      }
    }
  }
}
