package io.burnrate.serde;

import java.io.EOFException;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a Confluent-framed Avro value into a SpecificRecord class. The writer's schema is fetched
 * by the id in the header (once per id) and resolved against the class's schema, so records
 * written with an older or newer compatible schema are read: a missing field takes its default,
 * an unknown field is skipped, an unknown enum symbol becomes the enum's default.
 *
 * <p>{@code null} reads as {@code null} (a tombstone). Bytes that are not a valid record for the
 * topic raise {@link WireFormatException} naming the topic and the fault, and so does a schema id
 * the registry answers it does not know. A registry that cannot be reached or answers otherwise
 * raises {@link RegistryException}, since the record itself may be fine; a failed lookup is not
 * cached, so the next attempt asks again. Thread safe.
 */
public final class AvroWireDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  private static final int MAX_INCOMPATIBILITIES_SHOWN = 3;

  private final SchemaRegistryClient registry;
  private final Schema readerSchema;
  private final SpecificData model;
  private final ConcurrentMap<Integer, Resolution<T>> resolutionsByWriterId = new ConcurrentHashMap<>();
  private final ThreadLocal<Input> inputs = ThreadLocal.withInitial(Input::new);

  /** How records written with one schema id are read: a datum reader, or why they cannot be. */
  private record Resolution<T>(DatumReader<T> reader, String incompatibility) {}

  private static final class Input {
    BinaryDecoder binary;
    final BoundedDecoder bounded = new BoundedDecoder();
  }

  public AvroWireDeserializer(SchemaRegistryClient registry, Class<T> type) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.readerSchema = AvroSchemas.schemaOf(Objects.requireNonNull(type, "type"));
    this.model = SpecificData.getForClass(type);
  }

  /** The schema records are read into. */
  public Schema readerSchema() {
    return readerSchema;
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    int schemaId = WireFormat.readHeader(topic, data);
    DatumReader<T> reader = readerFor(topic, schemaId);
    Input input = inputs.get();
    int payloadLength = data.length - WireFormat.HEADER_LENGTH;
    input.binary = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_LENGTH, payloadLength, input.binary);
    BoundedDecoder decoder = input.bounded.reset(input.binary);
    T record;
    int trailing;
    try {
      record = reader.read(null, decoder);
      trailing = decoder.remaining();
    } catch (EOFException e) {
      throw new WireFormatException(
          topic + ": truncated Avro payload for schema id " + schemaId + " ("
              + payloadLength + " payload byte(s)"
              + (e.getMessage() == null ? "" : "; " + e.getMessage()) + ")", e);
    } catch (IOException | RuntimeException e) {
      throw new WireFormatException(
          topic + ": malformed Avro payload for schema id " + schemaId + " (" + describe(e) + ")", e);
    }
    if (trailing > 0) {
      throw new WireFormatException(
          topic + ": " + trailing + " trailing byte(s) after the " + readerSchema.getName()
              + " record (schema id " + schemaId + ")");
    }
    return record;
  }

  private DatumReader<T> readerFor(String topic, int schemaId) {
    Resolution<T> resolution = resolutionsByWriterId.get(schemaId);
    if (resolution == null) {
      resolution = resolve(topic, schemaId);
      Resolution<T> raced = resolutionsByWriterId.putIfAbsent(schemaId, resolution);
      resolution = raced == null ? resolution : raced;
    }
    if (resolution.reader() == null) {
      throw new WireFormatException(topic + ": " + resolution.incompatibility());
    }
    return resolution.reader();
  }

  private Resolution<T> resolve(String topic, int schemaId) {
    Schema writerSchema;
    try {
      writerSchema = registry.getById(schemaId);
    } catch (RegistryException e) {
      // Only the registry's own "no such schema" makes the record bad input; anything else (no answer,
      // a 5xx, a bare 404 from a proxy) says nothing about the record and propagates to be retried.
      if (e.isRegistryNotFound()) {
        throw new WireFormatException(
            topic + ": unknown schema id " + schemaId + " (" + e.getMessage() + ")", e);
      }
      throw e;
    }
    SchemaCompatibility.SchemaPairCompatibility check =
        SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
    if (check.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      String reasons =
          check.getResult().getIncompatibilities().stream()
              .limit(MAX_INCOMPATIBILITIES_SHOWN)
              .map(i -> i.getMessage() + " at " + i.getLocation())
              .collect(Collectors.joining("; "));
      return new Resolution<>(null,
          "schema id " + schemaId + " (" + writerSchema.getFullName() + ") cannot be read as "
              + readerSchema.getFullName() + ": " + reasons);
    }
    return new Resolution<>(new SpecificDatumReader<>(writerSchema, readerSchema, model), null);
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
