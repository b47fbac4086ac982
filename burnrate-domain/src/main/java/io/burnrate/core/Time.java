package io.burnrate.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Event-time arithmetic. Hours are UTC hours. A budget day runs from local midnight to local
 * midnight in the endpoint's zone (23 or 25 hours on daylight-saving days). An accounting slice is
 * a UTC hour, cut in two where a local midnight falls inside it (zones at :30 or :45), so that every
 * slice belongs to exactly one hour and one budget day.
 */
public final class Time {
  public static final long MINUTE_MS = 60_000L;
  public static final long HOUR_MS = 3_600_000L;
  public static final long DAY_MS = 86_400_000L;

  private Time() {}

  public static long hourStart(long t) {
    return Math.floorDiv(t, HOUR_MS) * HOUR_MS;
  }

  public static long minuteStart(long t) {
    return Math.floorDiv(t, MINUTE_MS) * MINUTE_MS;
  }

  public static LocalDate localDate(long t, ZoneId zone) {
    return Instant.ofEpochMilli(t).atZone(zone).toLocalDate();
  }

  /** The instant of local midnight that starts the budget day containing {@code t}. */
  public static long dayStart(long t, ZoneId zone) {
    return dayStart(localDate(t, zone), zone);
  }

  public static long dayStart(LocalDate date, ZoneId zone) {
    return date.atStartOfDay(zone).toInstant().toEpochMilli();
  }

  /** The instant of the next local midnight after the budget day containing {@code t} began. */
  public static long dayEnd(long t, ZoneId zone) {
    return dayStart(localDate(t, zone).plusDays(1), zone);
  }

  /** Start of the accounting slice containing {@code t}. */
  public static long sliceStart(long t, ZoneId zone) {
    long hour = hourStart(t);
    long midnight = dayStart(t, zone);
    return Math.max(hour, midnight);
  }

  /** End (exclusive) of the accounting slice containing {@code t}. */
  public static long sliceEnd(long t, ZoneId zone) {
    long hourEnd = hourStart(t) + HOUR_MS;
    long nextMidnight = dayEnd(t, zone);
    return Math.min(hourEnd, nextMidnight);
  }

  public static String iso(long t) {
    return Instant.ofEpochMilli(t).toString();
  }

  public static String hhmm(long t, ZoneId zone) {
    ZonedDateTime at = Instant.ofEpochMilli(t).atZone(zone);
    return String.format("%02d:%02d", at.getHour(), at.getMinute());
  }
}
