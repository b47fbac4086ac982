package io.burnrate.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.burnrate.serde.AvroSchemas;
import io.burnrate.serde.AvroWireSerializer;
import io.burnrate.serde.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Input values as producers write them (the registry's wire format), and as a producer with a newer
 * schema writes them: the same record with one more enum symbol.
 */
final class WireBytes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SchemaRegistryClient registry;
  private final Map<Class<?>, AvroWireSerializer<SpecificRecord>> serializers = new HashMap<>();

  WireBytes(SchemaRegistryClient registry) {
    this.registry = registry;
  }

  SchemaRegistryClient registry() {
    return registry;
  }

  /** {@code value} framed for {@code topic}, its schema registered under {@code <topic>-value}. */
  @SuppressWarnings("unchecked")
  byte[] encode(String topic, SpecificRecord value) {
    return serializers.computeIfAbsent(value.getClass(),
            type -> new AvroWireSerializer<>(registry, (Class<SpecificRecord>) type, true))
        .serialize(topic, value);
  }

  /** A deep copy of {@code record} with {@code field} set to {@code value}. */
  @SuppressWarnings("unchecked")
  static <T extends SpecificRecord> T with(T record, String field, Object value) {
    T copy = (T) SpecificData.getForClass(record.getClass()).deepCopy(record.getSchema(), record);
    Schema.Field target = record.getSchema().getField(field);
    if (target == null) {
      throw new IllegalArgumentException(record.getSchema().getName() + " has no field " + field);
    }
    copy.put(target.pos(), value);
    return copy;
  }

  /**
   * {@code record} as written by a producer whose schema has {@code newSymbol} appended to the enum of
   * {@code enumField}, with that field set to the new symbol; the newer schema is registered under
   * {@code <topic>-value} (adding a symbol to an enum with a default is a compatible change).
   */
  byte[] encodeWithNewerSymbol(String topic, SpecificRecord record, String enumField, String newSymbol) {
    encode(topic, record); // the current version first, as the subject's history would have it
    Schema newer = withSymbol(AvroSchemas.withoutJavaProperties(record.getSchema()), enumField, newSymbol);
    int id = registry.register(topic + "-value", newer);
    GenericData model = new GenericData();
    model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    GenericRecord written = new GenericData.Record(newer);
    for (Schema.Field field : record.getSchema().getFields()) {
      Object value = record.get(field.pos());
      if (value instanceof Enum<?> symbol) {
        value = new GenericData.EnumSymbol(newer.getField(field.name()).schema(), symbol.name());
      }
      written.put(field.name(), value);
    }
    written.put(enumField, new GenericData.EnumSymbol(newer.getField(enumField).schema(), newSymbol));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header(id));
    try {
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(newer, model).write(written, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The magic byte and a schema id. */
  static byte[] header(int schemaId) {
    return ByteBuffer.allocate(5).put((byte) 0).putInt(schemaId).array();
  }

  static int schemaIdOf(byte[] framed) {
    return ByteBuffer.wrap(framed, 1, 4).getInt();
  }

  private static Schema withSymbol(Schema schema, String enumField, String symbol) {
    try {
      JsonNode root = JSON.readTree(schema.toString());
      for (JsonNode field : root.get("fields")) {
        if (field.get("name").asText().equals(enumField)) {
          ((ArrayNode) field.get("type").get("symbols")).add(symbol);
        }
      }
      return new Schema.Parser().parse(JSON.writeValueAsString(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
