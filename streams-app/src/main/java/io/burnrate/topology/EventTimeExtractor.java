package io.burnrate.topology;

import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time from the record's own timestamp field, not the Kafka record timestamp. A record that
 * cannot be decoded, or whose time is implausible, keeps the partition's time, so that it neither
 * drags stream time nor gets dropped before the ingest step dead-letters it. Each plausible time is
 * also how far its partition has been read ({@link FetchedProgress}).
 */
final class EventTimeExtractor<T> implements TimestampExtractor {
  private final ToLongFunction<T> eventTime;
  private final EventTimeBounds bounds;
  private final FetchedProgress fetched;

  EventTimeExtractor(ToLongFunction<T> eventTime, EventTimeBounds bounds, FetchedProgress fetched) {
    this.eventTime = eventTime;
    this.bounds = bounds;
    this.fetched = fetched;
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
    if (!bounds.plausible(time)) {
      return fallback;
    }
    fetched.advance(record.partition(), time);
    return time;
  }
}
