package io.burnrate.topology;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Endpoint settings carry no event time and must apply before any event they govern: giving every
 * config record time 0 makes each task process buffered config records ahead of events, so that a
 * replay sees the same settings as the live run.
 */
public final class ConfigTimestampExtractor implements TimestampExtractor {
  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    return 0L;
  }
}
