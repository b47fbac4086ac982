package io.burnrate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimeTest {
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
  private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");

  private static long at(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Test
  void hourAndMinuteStarts() {
    assertThat(Time.hourStart(at("2025-06-02T10:59:59.999Z"))).isEqualTo(at("2025-06-02T10:00:00Z"));
    assertThat(Time.minuteStart(at("2025-06-02T10:59:59.999Z"))).isEqualTo(at("2025-06-02T10:59:00Z"));
    assertThat(Time.hourStart(-1)).isEqualTo(-Time.HOUR_MS);
  }

  @Test
  void budgetDayRunsFromLocalMidnightToLocalMidnight() {
    long t = at("2025-06-03T03:30:00Z"); // 23:30 EDT on June 2
    assertThat(Time.localDate(t, NEW_YORK)).isEqualTo(LocalDate.parse("2025-06-02"));
    assertThat(Time.dayStart(t, NEW_YORK)).isEqualTo(at("2025-06-02T04:00:00Z"));
    assertThat(Time.dayEnd(t, NEW_YORK)).isEqualTo(at("2025-06-03T04:00:00Z"));
  }

  @Test
  void budgetDayIs23Or25HoursOnDaylightSavingDays() {
    long spring = at("2025-03-09T12:00:00Z");
    assertThat(Time.dayEnd(spring, NEW_YORK) - Time.dayStart(spring, NEW_YORK)).isEqualTo(23 * Time.HOUR_MS);
    long autumn = at("2025-11-02T12:00:00Z");
    assertThat(Time.dayEnd(autumn, NEW_YORK) - Time.dayStart(autumn, NEW_YORK)).isEqualTo(25 * Time.HOUR_MS);
  }

  @Test
  void inUtcASliceIsTheHour() {
    long t = at("2025-06-02T18:10:00Z");
    assertThat(Time.sliceStart(t, UTC)).isEqualTo(at("2025-06-02T18:00:00Z"));
    assertThat(Time.sliceEnd(t, UTC)).isEqualTo(at("2025-06-02T19:00:00Z"));
    assertThat(Time.sliceEnd(at("2025-06-02T23:10:00Z"), UTC)).isEqualTo(at("2025-06-03T00:00:00Z"));
  }

  @Test
  void localMidnightAtHalfPastCutsTheUtcHourInTwo() {
    // Kolkata (+05:30): local midnight of June 3 is 18:30 UTC.
    assertThat(Time.sliceStart(at("2025-06-02T18:10:00Z"), KOLKATA)).isEqualTo(at("2025-06-02T18:00:00Z"));
    assertThat(Time.sliceEnd(at("2025-06-02T18:10:00Z"), KOLKATA)).isEqualTo(at("2025-06-02T18:30:00Z"));
    assertThat(Time.sliceStart(at("2025-06-02T18:40:00Z"), KOLKATA)).isEqualTo(at("2025-06-02T18:30:00Z"));
    assertThat(Time.sliceEnd(at("2025-06-02T18:40:00Z"), KOLKATA)).isEqualTo(at("2025-06-02T19:00:00Z"));
    assertThat(Time.localDate(at("2025-06-02T18:29:59.999Z"), KOLKATA)).isEqualTo(LocalDate.parse("2025-06-02"));
    assertThat(Time.localDate(at("2025-06-02T18:30:00Z"), KOLKATA)).isEqualTo(LocalDate.parse("2025-06-03"));
  }

  @Test
  void localMidnightAtAQuarterToCutsTheUtcHourInTwo() {
    // Kathmandu (+05:45): local midnight is 18:15 UTC.
    assertThat(Time.sliceEnd(at("2025-06-02T18:05:00Z"), KATHMANDU)).isEqualTo(at("2025-06-02T18:15:00Z"));
    assertThat(Time.sliceStart(at("2025-06-02T18:20:00Z"), KATHMANDU)).isEqualTo(at("2025-06-02T18:15:00Z"));
  }

  @Test
  void formatsForMessages() {
    assertThat(Time.iso(at("2025-06-02T18:05:00Z"))).isEqualTo("2025-06-02T18:05:00Z");
    assertThat(Time.hhmm(at("2025-06-02T18:05:00Z"), KOLKATA)).isEqualTo("23:35");
  }
}
