package io.burnrate.sim;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/** Local time of one zone for instants that mostly move forward: the offset is looked up again only at a transition. */
final class LocalClock {
  private final ZoneRules rules;
  private long validFrom = Long.MAX_VALUE;
  private long validUntil = Long.MIN_VALUE;
  private long offsetSeconds;

  LocalClock(ZoneId zone) {
    this.rules = zone.getRules();
  }

  /** Seconds since 1970-01-01T00:00 local at instant {@code epochMs}. */
  long localSecond(long epochMs) {
    if (epochMs < validFrom || epochMs >= validUntil) {
      Instant at = Instant.ofEpochMilli(epochMs);
      offsetSeconds = rules.getOffset(at).getTotalSeconds();
      ZoneOffsetTransition previous = rules.previousTransition(at);
      ZoneOffsetTransition next = rules.nextTransition(at);
      validFrom = previous == null ? Long.MIN_VALUE : previous.toEpochSecond() * 1000;
      validUntil = next == null ? Long.MAX_VALUE : next.toEpochSecond() * 1000;
    }
    return Math.floorDiv(epochMs, 1000) + offsetSeconds;
  }

  /** The traffic shape's factor at {@code epochMs}. */
  double shape(long epochMs) {
    return TrafficShape.factorAtLocalSecond(localSecond(epochMs));
  }
}
