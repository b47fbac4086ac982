package io.burnrate.topology;

import io.burnrate.config.TopicNames;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * Input records in the order they reach the topics: by arrival, and in the order added where two
 * arrive at the same instant. A request or replica event arrives at its own timestamp; settings
 * arrive before everything; a bill, or a deliberately bad record, arrives when the script says.
 */
final class DayScript {
  private static final TopicNames TOPICS = TopicNames.DEFAULTS;

  /** One record to produce: {@code value} is a {@link SpecificRecord} or raw bytes. */
  record Entry(Instant arrival, long sequence, String topic, String key, Object value) {}

  private final List<Entry> entries = new ArrayList<>();

  DayScript config(EndpointConfig config) {
    return add(Instant.EPOCH, TOPICS.endpointConfig(), config.getEndpointId(), config);
  }

  DayScript request(InferenceRequest request) {
    return add(request.getTimestamp(), TOPICS.requests(), request.getEndpointId(), request);
  }

  DayScript replica(ReplicaEvent event) {
    return add(event.getTimestamp(), TOPICS.replicas(), event.getEndpointId(), event);
  }

  DayScript bill(BillingEvent bill, Instant arrival) {
    return add(arrival, TOPICS.billing(), bill.getEndpointId(), bill);
  }

  /** Any record under any key at any moment: poison, mis-keyed or late records. */
  DayScript add(Instant arrival, String topic, String key, Object value) {
    Objects.requireNonNull(arrival, "arrival");
    if (!(value instanceof SpecificRecord) && !(value instanceof byte[])) {
      throw new IllegalArgumentException("a script value is an Avro record or raw bytes, not " + value);
    }
    entries.add(new Entry(arrival, entries.size(), topic, key, value));
    return this;
  }

  List<Entry> inArrivalOrder() {
    return entries.stream()
        .sorted(Comparator.comparing(Entry::arrival).thenComparingLong(Entry::sequence))
        .toList();
  }
}
