package io.burnrate.baseline;

import io.burnrate.core.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Projects a budget day's end-of-day spend from the spend so far and the spend of the last hour.
 *
 * <p>With a warm seasonal shape of the endpoint's hourly spend, the rest of the day follows the
 * shape, scaled by the pace of the last hour against its normal value: an endpoint running at twice
 * its usual rate is projected to spend twice its usual amount for every remaining hour. While any
 * hour involved is warming up (or the last hour's normal value is zero), the last hour's rate is
 * carried flat to the end of the day. A flat shape gives the same result both ways.
 *
 * <p>Pure and deterministic: time is the caller's event time; the day may be 23, 24 or 25 hours
 * long, or cut at any minute (zones at :30 or :45).
 */
public final class SpendProjection {
  /** How the rest of the day was projected. */
  public enum Method {
    /** The seasonal shape of hourly spend, scaled by the last hour's pace. */
    SEASONAL,
    /** The last hour's rate carried to the end of the day. */
    FLAT
  }

  private SpendProjection() {}

  /**
   * Projects the budget day's end-of-day spend as seen at {@code now}.
   *
   * @param dayStart start of the budget day (local midnight), epoch ms
   * @param dayEnd end of the budget day (the next local midnight), epoch ms
   * @param now the event time of the projection, at or after {@code dayStart}; at or after
   *     {@code dayEnd} nothing more is projected
   * @param spentMicros the day's spend up to {@code now}
   * @param lastHourMicros the spend of the 60 minutes up to {@code now}
   * @param spendShape the endpoint's baseline of hourly spend in micro-dollars, or null for none
   */
  public static Projection project(
      long dayStart, long dayEnd, long now, long spentMicros, long lastHourMicros, SeasonalBaseline spendShape) {
    if (dayEnd <= dayStart) {
      throw new IllegalArgumentException("budget day from " + Time.iso(dayStart) + " to " + Time.iso(dayEnd)
          + " is empty or reversed");
    }
    if (now < dayStart) {
      throw new IllegalArgumentException("forecast time " + Time.iso(now) + " is before the budget day starting "
          + Time.iso(dayStart));
    }
    if (spentMicros < 0 || lastHourMicros < 0) {
      throw new IllegalArgumentException("forecast at " + Time.iso(now) + " has spend so far " + spentMicros
          + " and last-hour spend " + lastHourMicros + " micro-dollars: both must be >= 0");
    }
    long from = Math.min(now, dayEnd);
    OptionalDouble lastHourNormal = spendShape == null
        ? OptionalDouble.empty() : spendShape.expectedTotal(now - Time.HOUR_MS, now);
    boolean seasonal = lastHourNormal.isPresent() && lastHourNormal.getAsDouble() > 0
        && spendShape.expectedTotal(from, dayEnd).isPresent();
    List<Segment> rest = new ArrayList<>();
    OptionalDouble pace = OptionalDouble.empty();
    if (seasonal) {
      double scale = lastHourMicros / lastHourNormal.getAsDouble();
      pace = OptionalDouble.of(scale);
      for (long s = from; s < dayEnd; ) {
        long e = Math.min(dayEnd, Time.hourStart(s) + Time.HOUR_MS);
        rest.add(new Segment(s, e, scale * spendShape.expectedTotal(s, e).getAsDouble()));
        s = e;
      }
    } else {
      rest.add(new Segment(from, dayEnd, (double) lastHourMicros * (dayEnd - from) / Time.HOUR_MS));
    }
    double remaining = 0;
    for (Segment segment : rest) {
      remaining += segment.micros;
    }
    return new Projection(dayStart, dayEnd, now, spentMicros, spentMicros + Math.round(remaining),
        seasonal ? Method.SEASONAL : Method.FLAT, pace, rest);
  }

  /** Projected spend over [start, end), accruing evenly inside it. */
  private record Segment(long start, long end, double micros) {}

  /** A projection of one budget day at one instant. */
  public static final class Projection {
    private final long dayStart;
    private final long dayEnd;
    private final long at;
    private final long spentMicros;
    private final long projectedMicros;
    private final Method method;
    private final OptionalDouble pace;
    private final List<Segment> rest;

    private Projection(
        long dayStart, long dayEnd, long at, long spentMicros, long projectedMicros, Method method,
        OptionalDouble pace, List<Segment> rest) {
      this.dayStart = dayStart;
      this.dayEnd = dayEnd;
      this.at = at;
      this.spentMicros = spentMicros;
      this.projectedMicros = projectedMicros;
      this.method = method;
      this.pace = pace;
      this.rest = List.copyOf(rest);
    }

    public long dayStart() {
      return dayStart;
    }

    public long dayEnd() {
      return dayEnd;
    }

    /** The event time the projection was made at. */
    public long at() {
      return at;
    }

    public long spentMicros() {
      return spentMicros;
    }

    /** The projected spend of the whole budget day, spend so far included. */
    public long projectedMicros() {
      return projectedMicros;
    }

    public Method method() {
      return method;
    }

    /** SEASONAL only: the last hour's spend over its normal value (2.0 = twice the usual rate). */
    public OptionalDouble pace() {
      return pace;
    }

    /** Strictly above: exactly at the limit is not over it. */
    public boolean exceeds(long limitMicros) {
      return projectedMicros > limitMicros;
    }

    /** The projected spend as a percentage of {@code budgetMicros} (140.0 = 140 %). */
    public double percentOf(long budgetMicros) {
      if (budgetMicros <= 0) {
        throw new IllegalArgumentException("budget " + budgetMicros + " micro-dollars must be > 0 for a percentage");
      }
      return 100.0 * projectedMicros / budgetMicros;
    }

    /**
     * The instant at which the projected running spend reaches {@code limitMicros} on its way above
     * it (rounded up to the millisecond); {@link #at()} when the spend so far is already above it;
     * empty when the projection does not end above the limit.
     */
    public OptionalLong crossesAt(long limitMicros) {
      if (!exceeds(limitMicros)) {
        return OptionalLong.empty();
      }
      if (spentMicros > limitMicros) {
        return OptionalLong.of(at);
      }
      double cumulative = spentMicros;
      for (Segment segment : rest) {
        if (segment.micros > 0 && cumulative + segment.micros >= limitMicros) {
          // Divide last and forgive rounding noise below a nanosecond: a crossing on the minute stays on it.
          double offset = (limitMicros - cumulative) * (segment.end - segment.start) / segment.micros;
          long instant = segment.start + (long) Math.ceil(offset - 1e-6);
          return OptionalLong.of(Math.min(segment.end, Math.max(segment.start, instant)));
        }
        cumulative += segment.micros;
      }
      // Only rounding of the total can leave the walk short of the limit: it is reached at the end.
      return OptionalLong.of(dayEnd);
    }

    @Override
    public String toString() {
      return "Projection[" + method + ", at " + Time.iso(at) + ", spent " + spentMicros + ", projected "
          + projectedMicros + " micro-dollars by " + Time.iso(dayEnd) + "]";
    }
  }
}
