package io.burnrate.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class TrafficShapeTest {
  private static final LocalDateTime MONDAY = LocalDateTime.of(2026, 11, 2, 0, 0);
  private static final LocalDateTime SATURDAY = LocalDateTime.of(2026, 11, 7, 0, 0);

  private static double at(LocalDateTime day, int hour, int minute) {
    return TrafficShape.factor(day.withHour(hour).withMinute(minute));
  }

  @Test
  void weekdayBusinessHoursAreBusierThanTheNight() {
    for (int hour = 9; hour <= 16; hour++) {
      assertThat(at(MONDAY, hour, 30)).as("%02d:30", hour).isGreaterThan(2 * at(MONDAY, 3, 0));
    }
    assertThat(at(MONDAY, 10, 0)).isEqualTo(1.0);
  }

  @Test
  void lunchDipsBetweenTheMorningAndTheAfternoon() {
    double lunch = at(MONDAY, 12, 45);
    assertThat(lunch).isLessThan(0.9 * at(MONDAY, 11, 0)).isLessThan(0.9 * at(MONDAY, 15, 0));
    assertThat(lunch).isGreaterThan(at(MONDAY, 3, 0));
  }

  @Test
  void eveningFallsOffTowardsTheNight() {
    assertThat(at(MONDAY, 18, 0)).isLessThan(at(MONDAY, 16, 0));
    assertThat(at(MONDAY, 21, 0)).isLessThan(at(MONDAY, 18, 0));
    assertThat(at(MONDAY, 23, 30)).isLessThan(at(MONDAY, 21, 0));
  }

  @Test
  void weekendsAreLowerAtEveryHour() {
    for (int hour = 0; hour < 24; hour++) {
      assertThat(at(SATURDAY, hour, 0)).as("Saturday %02d:00", hour).isLessThan(at(MONDAY, hour, 0));
      assertThat(at(SATURDAY.plusDays(1), hour, 0)).as("Sunday %02d:00", hour).isLessThan(at(MONDAY, hour, 0));
    }
  }

  @Test
  void theBusiestHourOfTheWeekIsLessThanFiveTimesTheQuietest() {
    double max = 0;
    double min = Double.MAX_VALUE;
    for (int minute = 0; minute < 7 * 24 * 60; minute += 5) {
      double f = TrafficShape.factor(MONDAY.plusMinutes(minute));
      max = Math.max(max, f);
      min = Math.min(min, f);
    }
    assertThat(min).isEqualTo(TrafficShape.quietest());
    assertThat(max / min).isLessThan(5.0);
  }

  @Test
  void followsTheEndpointsLocalTime() {
    ZoneId newYork = ZoneId.of("America/New_York");
    long tenInNewYork = ZonedDateTime.of(MONDAY.withHour(10), newYork).toInstant().toEpochMilli();
    long threeInNewYork = ZonedDateTime.of(MONDAY.withHour(3), newYork).toInstant().toEpochMilli();
    assertThat(TrafficShape.factor(tenInNewYork, newYork)).isEqualTo(1.0);
    assertThat(TrafficShape.factor(threeInNewYork, newYork)).isEqualTo(at(MONDAY, 3, 0));
    assertThat(new LocalClock(newYork).shape(tenInNewYork)).isEqualTo(1.0);
  }
}
