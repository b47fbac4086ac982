package io.burnrate.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ReplicaEventType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** Records written by producers with another version of a contract schema. */
class AvroWireEvolutionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void newerWriterWithExtraFieldsAndANewEnumSymbolIsReadWithTheDefaultSymbol() throws IOException {
    Schema newer =
        edited(ReplicaEvent.getClassSchema(), root -> {
          ArrayNode fields = (ArrayNode) root.get("fields");
          ObjectNode type = (ObjectNode) fields.get(4).get("type");
          ArrayNode symbols = (ArrayNode) type.get("symbols");
          symbols.insert(2, "MIGRATED");
          fields.insert(4, JSON.createObjectNode().put("name", "zone")
              .<ObjectNode>set("type", JSON.createArrayNode().add("null").add("string"))
              .set("default", JSON.nullNode()));
          fields.add(JSON.createObjectNode().put("name", "node_pool").put("type", "string").put("default", "default"));
        });
    int id = registry.register("inference.replicas-value", newer);
    GenericRecord written = new GenericData.Record(newer);
    written.put("event_id", "ev-7");
    written.put("endpoint_id", "llama-eu");
    written.put("timestamp", ContractRecords.T0.toEpochMilli());
    written.put("replica_id", "r-1");
    written.put("zone", "eu-west-1b");
    written.put("type", new GenericData.EnumSymbol(newer.getField("type").schema(), "MIGRATED"));
    written.put("cold_start", true);
    written.put("replicas_after", 3);
    written.put("instance_type", "nvidia-l4");
    written.put("region", "eu-west-1");
    written.put("model_size_gb", 14.2);
    written.put("startup_ms", null);
    written.put("node_pool", "gpu-pool-a");

    ReplicaEvent read =
        new AvroWireDeserializer<>(registry, ReplicaEvent.class).deserialize("inference.replicas", framed(id, newer, written));

    assertThat(read.getType()).isEqualTo(ReplicaEventType.UNKNOWN);
    assertThat(read.getEventId()).isEqualTo("ev-7");
    assertThat(read.getReplicaId()).isEqualTo("r-1");
    assertThat(read.getTimestamp()).isEqualTo(ContractRecords.T0);
    assertThat(read.getColdStart()).isTrue();
    assertThat(read.getReplicasAfter()).isEqualTo(3);
    assertThat(read.getRegion()).isEqualTo("eu-west-1");
    assertThat(read.getModelSizeGb()).isEqualTo(14.2);
    assertThat(read.getStartupMs()).isNull();
  }

  @Test
  void aKnownSymbolOfTheNewerEnumKeepsItsMeaning() throws IOException {
    Schema newer =
        edited(ReplicaEvent.getClassSchema(), root -> {
          ObjectNode type = (ObjectNode) root.get("fields").get(4).get("type");
          ((ArrayNode) type.get("symbols")).insert(0, "MIGRATED");
        });
    int id = registry.register("inference.replicas-value", newer);
    GenericRecord written = new GenericData.Record(newer);
    ContractRecords.replicaEvent(false).getSchema().getFields()
        .forEach(f -> written.put(f.name(), ContractRecords.replicaEvent(false).get(f.pos())));
    written.put("timestamp", ContractRecords.T0.toEpochMilli());
    written.put("type", new GenericData.EnumSymbol(newer.getField("type").schema(), "READY"));

    ReplicaEvent read =
        new AvroWireDeserializer<>(registry, ReplicaEvent.class).deserialize("inference.replicas", framed(id, newer, written));

    assertThat(read.getType()).isEqualTo(ReplicaEventType.READY);
  }

  @Test
  void olderWriterWithoutFieldsIsReadWithTheirDefaults() throws IOException {
    Schema older =
        edited(InferenceRequest.getClassSchema(), root -> {
          ArrayNode fields = (ArrayNode) root.get("fields");
          for (int i = fields.size() - 1; i >= 0; i--) {
            String name = fields.get(i).get("name").asText();
            if (name.equals("cold_start") || name.equals("queue_depth") || name.equals("replica_id")) {
              fields.remove(i);
            }
          }
        });
    int id = registry.register("inference.requests-value", older);
    GenericRecord written = new GenericData.Record(older);
    written.put("request_id", "req-old");
    written.put("endpoint_id", "llama-eu");
    written.put("timestamp", ContractRecords.T0.toEpochMilli());
    written.put("region", "eu-west-1");
    written.put("instance_type", "cpu-x2");
    written.put("latency_ms", 80.0);
    written.put("status_code", 503);
    written.put("input_tokens", 10);
    written.put("output_tokens", null);

    InferenceRequest read =
        new AvroWireDeserializer<>(registry, InferenceRequest.class).deserialize("inference.requests", framed(id, older, written));

    assertThat(read.getRequestId()).isEqualTo("req-old");
    assertThat(read.getStatusCode()).isEqualTo(503);
    assertThat(read.getInputTokens()).isEqualTo(10);
    assertThat(read.getColdStart()).isFalse();
    assertThat(read.getQueueDepth()).isNull();
    assertThat(read.getReplicaId()).isNull();
  }

  @Test
  void theRegistryAcceptsTheEvolvedSchemaUnderFullTransitive() {
    String subject = "inference.replicas-value";
    registry.setCompatibility(subject, "FULL_TRANSITIVE");
    registry.register(subject, AvroSchemas.withoutJavaProperties(ReplicaEvent.getClassSchema()));
    Schema newer =
        edited(ReplicaEvent.getClassSchema(), root -> {
          ObjectNode type = (ObjectNode) root.get("fields").get(4).get("type");
          ((ArrayNode) type.get("symbols")).insert(0, "MIGRATED");
          ((ArrayNode) root.get("fields"))
              .add(JSON.createObjectNode().put("name", "zone").put("type", "string").put("default", "?"));
        });
    Schema renamedField =
        edited(ReplicaEvent.getClassSchema(), root -> ((ObjectNode) root.get("fields").get(0)).put("name", "id"));

    assertThat(registry.isCompatible(subject, newer)).isTrue();
    assertThat(registry.isCompatible(subject, renamedField)).isFalse();
  }

  private static Schema edited(Schema schema, Consumer<ObjectNode> edit) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(AvroSchemas.withoutJavaProperties(schema).toString());
      edit.accept(root);
      return new Schema.Parser().parse(root.toString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] framed(int id, Schema writer, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] header = new byte[WireFormat.HEADER_LENGTH];
    WireFormat.writeHeader(id, header);
    out.write(header);
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
