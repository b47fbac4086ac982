package io.burnrate.registryfaults;

import io.burnrate.serde.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A producer as another team writes one: generic records of whatever schema version it has,
 * framed with the schema id it got from the registry, keyed by endpoint.
 */
final class WireWriter implements AutoCloseable {
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaProducer<byte[], byte[]> producer;

  WireWriter(String bootstrapServers) {
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  /** A request of {@code schema} (the contract's or a newer one) with the contract's fields set. */
  static GenericRecord request(Schema schema, String endpoint, String requestId, Instant at, double latencyMs) {
    GenericRecord record = new GenericData.Record(schema);
    record.put("request_id", requestId);
    record.put("endpoint_id", endpoint);
    record.put("timestamp", at.toEpochMilli());
    record.put("region", "us-east-1");
    record.put("instance_type", "nvidia-l4");
    record.put("latency_ms", latencyMs);
    record.put("status_code", 200);
    record.put("cold_start", false);
    return record;
  }

  /** A replica event of {@code schema}; {@code type} is a symbol of that schema's enum. */
  static GenericRecord replica(Schema schema, String endpoint, String eventId, Instant at, String type, int after) {
    GenericRecord record = new GenericData.Record(schema);
    record.put("event_id", eventId);
    record.put("endpoint_id", endpoint);
    record.put("timestamp", at.toEpochMilli());
    record.put("replica_id", "r-" + eventId);
    record.put("type", new GenericData.EnumSymbol(schema.getField("type").schema(), type));
    record.put("cold_start", false);
    record.put("replicas_after", after);
    record.put("instance_type", "nvidia-l4");
    record.put("region", "us-east-1");
    return record;
  }

  /** Sends {@code record} framed with {@code schemaId}, and waits for the broker's acknowledgement. */
  void send(String topic, String endpoint, int schemaId, GenericRecord record) {
    ProducerRecord<byte[], byte[]> message =
        new ProducerRecord<>(topic, endpoint.getBytes(StandardCharsets.UTF_8), framed(schemaId, record));
    try {
      producer.send(message).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not send to " + topic + " within " + SEND_TIMEOUT, e);
    }
  }

  private static byte[] framed(int schemaId, GenericRecord record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(ByteBuffer.allocate(WireFormat.HEADER_LENGTH).put(WireFormat.MAGIC_BYTE).putInt(schemaId).array());
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
