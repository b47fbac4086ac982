package io.burnrate.topology;

import io.burnrate.serde.AvroWireDeserializer;
import io.burnrate.serde.WireFormatException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes once at the source and never throws: a value that cannot be decoded becomes an
 * {@link Ingested} carrying the reason, which the ingest processor sends to the dead-letter topic.
 * Null values (tombstones) decode to an {@code Ingested} with a null record and no failure.
 */
public final class IngestDeserializer<T extends SpecificRecord> implements Deserializer<Ingested<T>> {
  private final AvroWireDeserializer<T> avro;

  public IngestDeserializer(AvroWireDeserializer<T> avro) {
    this.avro = avro;
  }

  @Override
  public Ingested<T> deserialize(String topic, byte[] data) {
    if (data == null) {
      return Ingested.undecodable(null, null, null);
    }
    try {
      return Ingested.decoded(avro.deserialize(topic, data), data);
    } catch (WireFormatException e) {
      // Only the record's own fault is dead-lettered; a registry outage propagates and is retried.
      return Ingested.undecodable(data, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    }
  }
}
