package io.burnrate.topology;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Which event times are plausible: not before {@code minEventTime}, and not further ahead of the
 * wall clock than the allowed skew (history replayed is never in the future, so replays are judged
 * alike). Shared by the timestamp extractor and the ingest step so both judge a record the same way.
 */
public record EventTimeBounds(long minEventTime, long maxFutureSkewMs, Clock clock) {

  public boolean plausible(long time) {
    return time >= minEventTime && time <= clock.millis() + maxFutureSkewMs;
  }

  /**
   * The first instant field of {@code record}, in schema order, whose time is not plausible: every
   * instant of an input is an event time of some kind (a bill's usage_start as much as its usage_end).
   */
  public Optional<String> firstImplausibleInstant(IndexedRecord record) {
    for (Schema.Field field : record.getSchema().getFields()) {
      if (record.get(field.pos()) instanceof Instant instant && !plausible(epochMillis(instant))) {
        return Optional.of(field.name());
      }
    }
    return Optional.empty();
  }

  private static long epochMillis(Instant instant) {
    try {
      return instant.toEpochMilli();
    } catch (ArithmeticException tooFar) {
      return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
