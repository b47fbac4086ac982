package io.burnrate.topology;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Plain Avro binary (no registry id) for a record kept in a state store, where the schema is the
 * application's own. Readers and writers are built once per serde.
 */
public final class StoredAvro {
  private StoredAvro() {}

  public static <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
    SpecificDatumWriter<T> writer = new SpecificDatumWriter<>(type);
    SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
    Serializer<T> serializer = (topic, value) -> {
      if (value == null) {
        return null;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      try {
        writer.write(value, encoder);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    };
    Deserializer<T> deserializer = (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
      try {
        return reader.read(null, decoder);
      } catch (IOException e) {
        throw new UncheckedIOException("corrupt stored " + type.getSimpleName(), e);
      }
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
