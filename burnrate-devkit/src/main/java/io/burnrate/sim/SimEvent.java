package io.burnrate.sim;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One record of the simulation, for topic {@code topic} with key {@code key} (the endpoint id), at
 * the instant it {@code appearsAt} (epoch ms): its event time for requests, replica events and
 * configs; for a bill, some time after the hour it covers, as a provider's billing export.
 */
public record SimEvent(String topic, String key, SpecificRecord value, long appearsAt) {
  public SimEvent {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }
}
