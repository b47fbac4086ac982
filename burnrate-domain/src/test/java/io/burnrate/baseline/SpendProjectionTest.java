package io.burnrate.baseline;

import static io.burnrate.baseline.Series.HOUR;
import static io.burnrate.baseline.Series.MONDAY;
import static io.burnrate.baseline.Series.at;
import static io.burnrate.baseline.Series.feed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.burnrate.baseline.SpendProjection.Method;
import io.burnrate.baseline.SpendProjection.Projection;
import io.burnrate.core.Money;
import io.burnrate.core.Time;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BudgetForecastTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static long usd(double dollars) {
    return Money.micros(dollars);
  }

  /**
   * Hourly spend learned over four weeks from {@code from}: $50 in the hour from local 14:00 of
   * every day ({@code weekdaysOnly}: of weekdays), $10 in every other hour.
   */
  private static SeasonalBaseline peakAtTwo(ZoneId zone, long from, boolean weekdaysOnly) {
    SeasonalBaseline baseline = new SeasonalBaseline(SeasonalBaseline.Settings.withFloor(usd(1)).inZone(zone));
    feed(baseline, from, 28 * 24, hour -> {
      int bucket = SeasonalBaseline.bucketOf(hour, zone);
      boolean peak = weekdaysOnly ? bucket == 14 : bucket % 24 == 14;
      return usd(peak ? 50 : 10);
    });
    return baseline;
  }

  private static SeasonalBaseline flatTen(ZoneId zone, long from) {
    SeasonalBaseline baseline = new SeasonalBaseline(SeasonalBaseline.Settings.withFloor(usd(1)).inZone(zone));
    feed(baseline, from, 28 * 24, hour -> usd(10));
    return baseline;
  }

  @Test
  void aLinearDayCarriesTheLastHourToMidnight() {
    long day = at("2025-06-25T00:00:00Z");
    Projection projection = SpendProjection.project(day, day + 24 * HOUR, day + 12 * HOUR, usd(60), usd(5), null);

    assertThat(projection.method()).isEqualTo(Method.FLAT);
    assertThat(projection.pace()).isEmpty();
    assertThat(projection.projectedMicros()).isEqualTo(usd(120));
    assertThat(projection.percentOf(usd(100))).isCloseTo(120.0, within(1e-9));
    assertThat(projection.crossesAt(usd(100))).hasValue(at("2025-06-25T20:00:00Z"));
    assertThat(projection.exceeds(usd(120))).as("exactly at the limit is not over it").isFalse();
    assertThat(projection.crossesAt(usd(120))).isEmpty();
  }

  @Test
  void aSeasonalDayFollowsTheShapeAtThePaceOfTheLastHour() {
    SeasonalBaseline shape = peakAtTwo(ZoneOffset.UTC, MONDAY, true);
    long wednesday = at("2025-07-02T00:00:00Z");
    long noon = wednesday + 12 * HOUR;

    Projection usual = SpendProjection.project(wednesday, wednesday + 24 * HOUR, noon, usd(120), usd(10), shape);
    assertThat(usual.method()).isEqualTo(Method.SEASONAL);
    assertThat(usual.pace()).hasValueCloseTo(1.0, within(1e-12));
    assertThat(usual.projectedMicros()).isEqualTo(usd(23 * 10 + 50));
    assertThat(usual.crossesAt(usd(250))).hasValue(at("2025-07-02T21:00:00Z"));

    Projection doubled = SpendProjection.project(wednesday, wednesday + 24 * HOUR, noon, usd(120), usd(20), shape);
    assertThat(doubled.pace()).hasValueCloseTo(2.0, within(1e-12));
    assertThat(doubled.projectedMicros()).isEqualTo(usd(120 + 2 * 160));
    assertThat(doubled.crossesAt(usd(250))).as("inside the peak hour, 90 % of the way through it")
        .hasValue(at("2025-07-02T14:54:00Z"));

    Projection flat = SpendProjection.project(wednesday, wednesday + 24 * HOUR, noon, usd(120), usd(20), null);
    assertThat(flat.projectedMicros()).isEqualTo(usd(120 + 12 * 20));
    assertThat(flat.crossesAt(usd(250))).hasValue(at("2025-07-02T18:30:00Z"));
  }

  @Test
  void whileTheShapeWarmsUpTheProjectionIsFlat() {
    SeasonalBaseline young = new SeasonalBaseline(SeasonalBaseline.Settings.withFloor(usd(1)));
    feed(young, MONDAY, 2 * 24, hour -> usd(10));
    long wednesday = MONDAY + 2 * Time.DAY_MS;

    Projection projection =
        SpendProjection.project(wednesday, wednesday + 24 * HOUR, wednesday + 6 * HOUR, usd(60), usd(30), young);

    assertThat(projection.method()).isEqualTo(Method.FLAT);
    assertThat(projection.projectedMicros()).isEqualTo(usd(60 + 18 * 30));
  }

  @Test
  void aTwentyThreeHourDayFollowsTheLocalShapeAcrossTheClockChange() {
    // Learned in February (EST: local 14:00 is 19:00 UTC); on 9 March the clocks go forward.
    SeasonalBaseline shape = peakAtTwo(NEW_YORK, at("2025-02-03T05:00:00Z"), false);
    long now = at("2025-03-09T16:00:00Z"); // local noon, EDT: eleven hours into the day
    long dayStart = Time.dayStart(now, NEW_YORK);
    long dayEnd = Time.dayEnd(now, NEW_YORK);
    assertThat(dayEnd - dayStart).isEqualTo(23 * HOUR);

    Projection projection = SpendProjection.project(dayStart, dayEnd, now, usd(110), usd(10), shape);

    assertThat(projection.method()).isEqualTo(Method.SEASONAL);
    assertThat(projection.projectedMicros()).isEqualTo(usd(22 * 10 + 50));
    assertThat(projection.crossesAt(usd(200))).as("local 17:00 in EDT")
        .hasValue(at("2025-03-09T21:00:00Z"));
    assertThat(Time.hhmm(projection.crossesAt(usd(200)).getAsLong(), NEW_YORK)).isEqualTo("17:00");

    Projection flat = SpendProjection.project(dayStart, dayEnd, now, usd(110), usd(10), null);
    assertThat(flat.projectedMicros()).isEqualTo(usd(23 * 10));
  }

  @Test
  void aTwentyFiveHourDayHasOneHourMore() {
    SeasonalBaseline shape = flatTen(NEW_YORK, at("2025-09-29T04:00:00Z"));
    long now = at("2025-11-02T17:00:00Z"); // local noon, EST: thirteen hours into the day
    long dayStart = Time.dayStart(now, NEW_YORK);
    long dayEnd = Time.dayEnd(now, NEW_YORK);
    assertThat(dayEnd - dayStart).isEqualTo(25 * HOUR);

    Projection seasonal = SpendProjection.project(dayStart, dayEnd, now, usd(130), usd(10), shape);
    Projection flat = SpendProjection.project(dayStart, dayEnd, now, usd(130), usd(10), null);

    assertThat(seasonal.method()).isEqualTo(Method.SEASONAL);
    assertThat(seasonal.projectedMicros()).isEqualTo(usd(250));
    assertThat(flat.projectedMicros()).isEqualTo(usd(250));
  }

  @Test
  void aDayStartingAtHalfPastTheHourIsProjectedInPartHours() {
    ZoneId kolkata = ZoneId.of("Asia/Kolkata");
    SeasonalBaseline shape = flatTen(kolkata, MONDAY);
    long dayStart = at("2025-07-01T18:30:00Z");
    long now = dayStart + 5 * HOUR;

    Projection projection = SpendProjection.project(dayStart, dayStart + 24 * HOUR, now, usd(50), usd(10), shape);

    assertThat(projection.method()).isEqualTo(Method.SEASONAL);
    assertThat(projection.projectedMicros()).isEqualTo(usd(240));
    assertThat(projection.crossesAt(usd(200))).hasValue(at("2025-07-02T14:30:00Z"));
  }

  @Test
  void spendAlreadyOverTheLimitCrossesItNow() {
    long day = at("2025-06-25T00:00:00Z");
    long now = day + 20 * HOUR;
    Projection projection = SpendProjection.project(day, day + 24 * HOUR, now, usd(130), usd(0), null);

    assertThat(projection.projectedMicros()).isEqualTo(usd(130));
    assertThat(projection.crossesAt(usd(120))).hasValue(now);
  }

  @Test
  void afterTheDayEndsNothingMoreIsProjected() {
    long day = at("2025-06-25T00:00:00Z");
    long graceTime = day + 26 * HOUR; // a late bill for the day, inside the billing grace
    Projection projection = SpendProjection.project(day, day + 24 * HOUR, graceTime, usd(90), usd(40),
        flatTen(ZoneOffset.UTC, MONDAY));

    assertThat(projection.projectedMicros()).isEqualTo(usd(90));
    assertThat(projection.crossesAt(usd(100))).isEmpty();
    assertThat(projection.crossesAt(usd(80))).hasValue(graceTime);
  }

  @Test
  void sameInputsSameProjection() {
    SeasonalBaseline shape = peakAtTwo(ZoneOffset.UTC, MONDAY, true);
    long day = at("2025-07-02T00:00:00Z");
    Projection first = SpendProjection.project(day, day + 24 * HOUR, day + 9 * HOUR + 17, usd(77), usd(13), shape);
    Projection second = SpendProjection.project(day, day + 24 * HOUR, day + 9 * HOUR + 17, usd(77), usd(13),
        SeasonalBaseline.fromBytes(shape.toBytes(), shape.settings()));

    assertThat(second.projectedMicros()).isEqualTo(first.projectedMicros());
    assertThat(second.crossesAt(usd(200))).isEqualTo(first.crossesAt(usd(200)));
  }

  @Test
  void rejectsATimeBeforeTheDayAndNegativeSpend() {
    long day = at("2025-06-25T00:00:00Z");
    assertThatThrownBy(() -> SpendProjection.project(day, day + 24 * HOUR, day - 1, 0, 0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Instant.ofEpochMilli(day - 1).toString())
        .hasMessageContaining("before the budget day");
    assertThatThrownBy(() -> SpendProjection.project(day, day + 24 * HOUR, day, -5, 0, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-5");
    assertThatThrownBy(() -> SpendProjection.project(day, day, day, 0, 0, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty or reversed");
  }
}
