package io.burnrate.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a SpecificRecord in the Confluent wire format. The record's schema (without Java-only
 * properties, see {@link AvroSchemas#withoutJavaProperties}) is registered under {@code
 * <topic>-value} ({@code -key} when configured as a key serializer), or only looked up when
 * auto-registration is off, once per topic; the id is cached. Thread safe: Kafka Streams shares one
 * serializer between its stream threads.
 */
public final class AvroWireSerializer<T extends SpecificRecord> implements Serializer<T> {

  private final SchemaRegistryClient registry;
  private final Schema registeredSchema;
  private final boolean autoRegister;
  private final SpecificDatumWriter<T> writer;
  private final ConcurrentMap<String, Integer> idsByTopic = new ConcurrentHashMap<>();
  private final ThreadLocal<Output> outputs = ThreadLocal.withInitial(Output::new);
  private volatile boolean isKey;

  private static final class Output {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    BinaryEncoder encoder;
  }

  /**
   * @param registry where the schema is registered or looked up
   * @param type the generated record class
   * @param autoRegister register the schema if the subject lacks it; when false, a schema not yet
   *     registered fails the first record of each topic
   */
  public AvroWireSerializer(SchemaRegistryClient registry, Class<T> type, boolean autoRegister) {
    this.registry = Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(type, "type");
    Schema schema = AvroSchemas.schemaOf(type);
    this.registeredSchema = AvroSchemas.withoutJavaProperties(schema);
    this.autoRegister = autoRegister;
    this.writer = new SpecificDatumWriter<>(schema, SpecificData.getForClass(type));
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.isKey = isKey;
  }

  /** The schema this serializer registers or looks up. */
  public Schema registeredSchema() {
    return registeredSchema;
  }

  /** The subject of {@code topic} under the topic-name strategy. */
  public String subjectOf(String topic) {
    return topic + (isKey ? "-key" : "-value");
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    int schemaId = schemaIdFor(topic);
    Output output = outputs.get();
    output.bytes.reset();
    byte[] header = new byte[WireFormat.HEADER_LENGTH];
    WireFormat.writeHeader(schemaId, header);
    output.bytes.writeBytes(header);
    try {
      output.encoder = EncoderFactory.get().binaryEncoder(output.bytes, output.encoder);
      writer.write(record, output.encoder);
      output.encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          topic + ": cannot encode " + registeredSchema.getFullName() + ": " + e.getMessage(), e);
    }
    return output.bytes.toByteArray();
  }

  private int schemaIdFor(String topic) {
    Integer cached = idsByTopic.get(topic);
    if (cached != null) {
      return cached;
    }
    String subject = subjectOf(topic);
    int id;
    if (autoRegister) {
      id = registry.register(subject, registeredSchema);
    } else {
      try {
        id = registry.getId(subject, registeredSchema);
      } catch (RegistryException e) {
        if (!e.isNotFound()) {
          throw e;
        }
        throw new SerializationException(
            topic + ": schema " + registeredSchema.getFullName() + " is not registered under subject '"
                + subject + "' and auto-registration is off; register it first or turn auto-registration on ("
                + e.getMessage() + ")", e);
      }
    }
    idsByTopic.putIfAbsent(topic, id);
    return id;
  }
}
