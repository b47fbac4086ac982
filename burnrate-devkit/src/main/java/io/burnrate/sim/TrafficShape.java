package io.burnrate.sim;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * How busy an endpoint is at a local time, relative to its weekday peak (1.0): quiet nights, a
 * morning ramp, business hours, a lunch dip, an evening fall-off, and weekends at 62 % of weekdays.
 * The busiest hour is at most 4.5x the quietest, so a normal week never looks like a 5x surge.
 */
public final class TrafficShape {
  public static final double WEEKEND_FACTOR = 0.62;

  // Local hour of day -> factor, interpolated linearly in between.
  private static final double[] HOURS =
      {0, 5, 6.5, 8, 9, 11.75, 12.25, 13.25, 13.75, 16.5, 17.5, 19, 21, 23, 24};
  private static final double[] FACTORS =
      {0.40, 0.36, 0.45, 0.80, 1.0, 1.0, 0.80, 0.80, 0.98, 1.0, 0.85, 0.62, 0.50, 0.43, 0.40};

  private TrafficShape() {}

  /** The factor at local wall-clock time {@code local}. */
  public static double factor(LocalDateTime local) {
    double hour = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
    return factor(local.getDayOfWeek(), hour);
  }

  /** The factor at instant {@code epochMs} for an endpoint in {@code zone}. */
  public static double factor(long epochMs, ZoneId zone) {
    ZoneOffset offset = zone.getRules().getOffset(java.time.Instant.ofEpochMilli(epochMs));
    return factorAtLocalSecond(Math.floorDiv(epochMs, 1000) + offset.getTotalSeconds());
  }

  /** The factor at a local time given as seconds since 1970-01-01T00:00 local. */
  static double factorAtLocalSecond(long localSecond) {
    long day = Math.floorDiv(localSecond, 86_400);
    double hour = Math.floorMod(localSecond, 86_400) / 3600.0;
    // 1970-01-01 was a Thursday.
    DayOfWeek dayOfWeek = DayOfWeek.of(Math.floorMod(day + 3, 7) + 1);
    return factor(dayOfWeek, hour);
  }

  static double factor(DayOfWeek day, double hour) {
    double weekday = interpolate(hour);
    boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    return weekend ? weekday * WEEKEND_FACTOR : weekday;
  }

  private static double interpolate(double hour) {
    for (int i = 1; i < HOURS.length; i++) {
      if (hour <= HOURS[i]) {
        double span = HOURS[i] - HOURS[i - 1];
        double at = (hour - HOURS[i - 1]) / span;
        return FACTORS[i - 1] + at * (FACTORS[i] - FACTORS[i - 1]);
      }
    }
    return FACTORS[FACTORS.length - 1];
  }

  /** The smallest factor of the week (a weekend night). */
  public static double quietest() {
    double min = Double.MAX_VALUE;
    for (double f : FACTORS) {
      min = Math.min(min, f);
    }
    return min * WEEKEND_FACTOR;
  }
}
