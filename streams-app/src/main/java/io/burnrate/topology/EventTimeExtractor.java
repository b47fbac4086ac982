package io.burnrate.topology;

import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time from the record's own timestamp field, not the Kafka record timestamp. A record that
 * cannot be decoded, or whose time is implausible, keeps the partition's time, so that it neither
 * drags stream time nor gets dropped before the ingest step dead-letters it.
 */
public final class EventTimeExtractor<T> implements TimestampExtractor {
  private final ToLongFunction<T> eventTime;
  private final EventTimeBounds bounds;

  public EventTimeExtractor(ToLongFunction<T> eventTime, EventTimeBounds bounds) {
    this.eventTime = eventTime;
    this.bounds = bounds;
  }

  @Override
  @SuppressWarnings("unchecked")
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    // Never the Kafka record timestamp: it is not event time and could move stream time anywhere.
    long fallback = Math.max(partitionTime, 0);
    if (!(record.value() instanceof Ingested<?> ingested) || !ingested.ok()) {
      return fallback;
    }
    long time;
    try {
      time = eventTime.applyAsLong((T) ingested.record());
    } catch (RuntimeException e) {
      return fallback;
    }
    return bounds.plausible(time) ? time : fallback;
  }
}
