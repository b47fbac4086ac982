package io.burnrate.baseline;

import io.burnrate.core.Money;
import io.burnrate.core.Time;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Random;
import java.util.function.LongToDoubleFunction;

/**
 * Synthetic hourly series with daily and weekly seasonality. The reference endpoint spends $10 an
 * hour at night on weekdays, rising to a $40 peak at 14:00 UTC; weekends spend half of that.
 */
final class Series {
  /** A Monday. */
  static final long MONDAY = at("2025-06-02T00:00:00Z");
  static final long HOUR = Time.HOUR_MS;
  static final long DAY = Time.DAY_MS;
  static final long WEEK = 7 * DAY;

  private Series() {}

  static long at(String isoInstant) {
    return Instant.parse(isoInstant).toEpochMilli();
  }

  /** Normal hourly spend of the reference endpoint, in micro-dollars. */
  static double normalSpend(long hourStart) {
    ZonedDateTime local = Instant.ofEpochMilli(hourStart).atZone(ZoneOffset.UTC);
    double distance = local.getHour() - 14;
    double weekdayUsd = 10 + 30 * Math.exp(-distance * distance / (2 * 3.0 * 3.0));
    return Money.micros(isWeekend(hourStart, ZoneOffset.UTC) ? weekdayUsd / 2 : weekdayUsd);
  }

  static boolean isWeekend(long t, ZoneId zone) {
    DayOfWeek day = Instant.ofEpochMilli(t).atZone(zone).getDayOfWeek();
    return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
  }

  /** {@code normal} with uniform noise of ±{@code spread} (0.05 = ±5 %), reproducible from the seed. */
  static LongToDoubleFunction noisy(LongToDoubleFunction normal, double spread, long seed) {
    Random random = new Random(seed);
    return hour -> normal.applyAsDouble(hour) * (1 + spread * (2 * random.nextDouble() - 1));
  }

  /** Observes every hour in [from, from + hours × 1 h) with the series' value. */
  static void feed(SeasonalBaseline baseline, long from, int hours, LongToDoubleFunction series) {
    for (int i = 0; i < hours; i++) {
      long hour = from + i * HOUR;
      baseline.observe(hour, series.applyAsDouble(hour));
    }
  }
}
