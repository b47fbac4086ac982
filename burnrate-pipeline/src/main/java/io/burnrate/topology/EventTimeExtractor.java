package io.burnrate.topology;

import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time from the record's own timestamp field, not the Kafka record timestamp. A record that
 * cannot be decoded, or whose time is implausible, keeps the partition's time, so that it neither
 * drags stream time nor gets dropped before the ingest step dead-letters it. Each record tells how
 * far its partition has been read ({@link FetchedProgress}): its offset, and its time when plausible.
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
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    // Never the Kafka record timestamp: it is not event time and could move stream time anywhere.
    long fallback = Math.max(partitionTime, 0);
    long time = eventTimeOf(record);
    fetched.advance(record.partition(), record.offset(), time);
    return time == EventOrder.NONE ? fallback : time;
  }

  @SuppressWarnings("unchecked")
  private long eventTimeOf(ConsumerRecord<Object, Object> record) {
    if (!(record.value() instanceof Ingested<?> ingested) || !ingested.ok()) {
      return EventOrder.NONE;
    }
    try {
      long time = eventTime.applyAsLong((T) ingested.record());
      return bounds.plausible(time) ? time : EventOrder.NONE;
    } catch (RuntimeException e) {
      return EventOrder.NONE;
    }
  }
}
