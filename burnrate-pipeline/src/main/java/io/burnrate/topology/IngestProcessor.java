package io.burnrate.topology;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The first step after a source: undecodable, invalid, mis-keyed and late records go byte for byte
 * to the dead-letter sink with the reason; the rest go on, keyed by endpoint, to the endpoint
 * processor. Nothing is dropped silently and nothing here stops the pipeline.
 */
final class IngestProcessor<T> implements Processor<byte[], Ingested<T>, Object, Object> {

  /** How one input topic's records are judged. {@code eventTime} is null for settings. */
  record Rules<T>(
      Function<T, String> endpointId,
      Function<T, Optional<String>> validate,
      ToLongFunction<T> eventTime,
      String eventTimeField,
      long graceMs,
      boolean tombstonesAllowed) {}

  private final Rules<T> rules;
  private final EventTimeBounds bounds;
  private final PipelineMetrics metrics;
  private final String next;
  private final String deadLetterSink;
  private ProcessorContext<Object, Object> context;
  private EventOrderStore order;

  IngestProcessor(Rules<T> rules, EventTimeBounds bounds, PipelineMetrics metrics, String next, String deadLetterSink) {
    this.rules = rules;
    this.bounds = bounds;
    this.metrics = metrics;
    this.next = next;
    this.deadLetterSink = deadLetterSink;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    if (rules.eventTime() != null) {
      this.order = context.getStateStore(StoreNames.EVENT_ORDER);
    }
  }

  @Override
  public void process(Record<byte[], Ingested<T>> record) {
    String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
    metrics.recordIn(topic);
    Ingested<T> value = record.value();
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    if (value == null || (value.raw() == null && value.failure() == null)) {
      if (rules.tombstonesAllowed() && key != null && !key.isBlank()) {
        context.forward(new Record<>(key, new ConfigRemoved(key), record.timestamp()), next);
      } else {
        deadLetter(record, null, DeadLetters.DECODE, null, "null value: a tombstone is not a valid record here");
      }
      return;
    }
    if (!value.ok()) {
      deadLetter(record, value.raw(), DeadLetters.DECODE, value.error(), value.failure());
      return;
    }
    T decoded = value.record();
    if (decoded instanceof IndexedRecord avro) {
      Optional<String> implausible = bounds.firstImplausibleInstant(avro);
      if (implausible.isPresent()) {
        deadLetter(record, value.raw(), DeadLetters.invalid(implausible.get()), null,
            implausible.get() + " " + avro.get(avro.getSchema().getField(implausible.get()).pos())
                + " is before 2000 or further in the future than the allowed skew");
        return;
      }
    }
    Optional<String> invalidField = rules.validate().apply(decoded);
    if (invalidField.isPresent()) {
      deadLetter(record, value.raw(), DeadLetters.invalid(invalidField.get()), null,
          "field " + invalidField.get() + " is missing or out of range");
      return;
    }
    String endpointId = rules.endpointId().apply(decoded);
    if (!endpointId.equals(key)) {
      deadLetter(record, value.raw(), DeadLetters.KEY_MISMATCH, null,
          "record key " + (key == null ? "null" : "'" + key + "'") + " is not the endpoint_id '" + endpointId + "'");
      return;
    }
    long time = record.timestamp();
    if (rules.eventTime() != null) {
      time = rules.eventTime().applyAsLong(decoded);
      if (!bounds.plausible(time)) {
        deadLetter(record, value.raw(), DeadLetters.invalid(rules.eventTimeField()), null,
            rules.eventTimeField() + " " + java.time.Instant.ofEpochMilli(time)
                + " is before 2000 or further in the future than the allowed skew");
        return;
      }
      EventOrder progress = order.order(context.currentSystemTimeMs());
      if (progress.isLate(time, rules.graceMs())) {
        deadLetter(record, value.raw(), DeadLetters.LATE, null,
            "event time " + time + " is more than " + rules.graceMs() + " ms behind " + progress.position()
                + ", the event time every input of this task has reached");
        return;
      }
    }
    context.forward(new Record<>(endpointId, decoded, time), next);
  }

  private void deadLetter(Record<byte[], Ingested<T>> record, byte[] raw, String reason, Exception error, String message) {
    RecordMetadata source = context.recordMetadata().orElse(null);
    String topic = source == null ? "" : source.topic();
    metrics.deadLetter(topic, reason);
    String exceptionClass = error == null ? "io.burnrate.topology.RejectedRecord" : error.getClass().getName();
    Record<Object, Object> letter = new Record<>(
        record.key(), raw, record.timestamp(),
        DeadLetters.headers(record.headers(), source, reason, exceptionClass, message));
    context.forward(letter, deadLetterSink);
  }
}
