package io.burnrate.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * {@link AvroWireSerializer} and {@link AvroWireDeserializer} for one record class. Build one per
 * class at start-up and share it; it holds the caches.
 */
public final class AvroWireSerde<T extends SpecificRecord> implements Serde<T> {

  private final AvroWireSerializer<T> serializer;
  private final AvroWireDeserializer<T> deserializer;

  /**
   * @param registry the schema registry client (shared by all serdes of an application)
   * @param type the generated record class, e.g. {@code InferenceRequest.class}
   * @param autoRegister whether the serializer registers the schema under {@code <topic>-value}
   *     or only looks it up there
   */
  public AvroWireSerde(SchemaRegistryClient registry, Class<T> type, boolean autoRegister) {
    this.serializer = new AvroWireSerializer<>(registry, type, autoRegister);
    this.deserializer = new AvroWireDeserializer<>(registry, type);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public AvroWireSerializer<T> serializer() {
    return serializer;
  }

  @Override
  public AvroWireDeserializer<T> deserializer() {
    return deserializer;
  }
}
