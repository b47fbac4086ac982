package io.burnrate.topology;

import java.time.Clock;

/**
 * Which event times are plausible: not before {@code minEventTime}, and not further ahead of the
 * wall clock than the allowed skew (history replayed is never in the future, so replays are judged
 * alike). Shared by the timestamp extractor and the ingest step so both judge a record the same way.
 */
public record EventTimeBounds(long minEventTime, long maxFutureSkewMs, Clock clock) {

  public boolean plausible(long time) {
    return time >= minEventTime && time <= clock.millis() + maxFutureSkewMs;
  }
}
