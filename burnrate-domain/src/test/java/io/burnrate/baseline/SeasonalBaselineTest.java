package io.burnrate.baseline;

import static io.burnrate.baseline.Series.DAY;
import static io.burnrate.baseline.Series.HOUR;
import static io.burnrate.baseline.Series.MONDAY;
import static io.burnrate.baseline.Series.WEEK;
import static io.burnrate.baseline.Series.at;
import static io.burnrate.baseline.Series.feed;
import static io.burnrate.baseline.Series.noisy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.burnrate.core.Money;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

class SeasonalBaselineTest {
  private static final double ONE_DOLLAR = Money.micros(1);
  private static final LongToDoubleFunction NORMAL = Series::normalSpend;

  private static SeasonalBaseline spendBaseline() {
    return new SeasonalBaseline(SeasonalBaseline.Settings.withFloor(ONE_DOLLAR));
  }

  /** Four weeks of the reference series with ±5 % noise: every bucket full. */
  private static SeasonalBaseline trainedFourWeeks() {
    SeasonalBaseline baseline = spendBaseline();
    feed(baseline, MONDAY, 28 * 24, noisy(NORMAL, 0.05, 42));
    return baseline;
  }

  private static double expected(SeasonalBaseline baseline, long t) {
    OptionalDouble value = baseline.expected(t);
    assertThat(value).as("expected value at %s", io.burnrate.core.Time.iso(t)).isPresent();
    return value.getAsDouble();
  }

  @Test
  void learnsTheDailyPeakAndTheHalfWeekend() {
    SeasonalBaseline baseline = trainedFourWeeks();
    long wednesday = MONDAY + 4 * WEEK + 2 * DAY;
    long saturday = MONDAY + 4 * WEEK + 5 * DAY;

    assertThat(expected(baseline, wednesday + 14 * HOUR)).isCloseTo(Money.micros(40), withinPercentage(5));
    assertThat(expected(baseline, wednesday + 3 * HOUR))
        .isCloseTo(Series.normalSpend(wednesday + 3 * HOUR), withinPercentage(5));
    assertThat(expected(baseline, saturday + 14 * HOUR)).isCloseTo(Money.micros(20), withinPercentage(5));
    assertThat(expected(baseline, saturday + 3 * HOUR))
        .isCloseTo(Series.normalSpend(saturday + 3 * HOUR), withinPercentage(5));
  }

  @Test
  void staysSilentWhileWarmingUp() {
    SeasonalBaseline baseline = spendBaseline();
    feed(baseline, MONDAY, 2 * 24, NORMAL);
    long wednesday = MONDAY + 2 * DAY;

    assertThat(baseline.expected(wednesday + 14 * HOUR)).isEmpty();
    assertThat(baseline.expectedTotal(wednesday, wednesday + 24 * HOUR)).isEmpty();

    feed(baseline, wednesday, 24, NORMAL);
    assertThat(baseline.samplesFor(wednesday + DAY + 14 * HOUR)).isEqualTo(3);
    assertThat(expected(baseline, wednesday + DAY + 14 * HOUR)).isCloseTo(Money.micros(40), withinPercentage(0.01));
  }

  @Test
  void aThinWeekendBucketFallsBackToTheSameHourOfAllDaysThenLearnsItsOwnLevel() {
    SeasonalBaseline baseline = spendBaseline();
    feed(baseline, MONDAY, 5 * 24, NORMAL);
    long saturday = MONDAY + 5 * DAY;

    assertThat(baseline.samplesFor(saturday + 14 * HOUR)).isZero();
    assertThat(expected(baseline, saturday + 14 * HOUR))
        .as("the first weekend is judged by the weekday level").isCloseTo(Money.micros(40), withinPercentage(0.01));

    feed(baseline, saturday, 2 * 24, NORMAL);
    feed(baseline, saturday + WEEK, 24, NORMAL);
    assertThat(baseline.samplesFor(saturday + WEEK + DAY + 14 * HOUR)).isEqualTo(3);
    assertThat(expected(baseline, saturday + WEEK + DAY + 14 * HOUR))
        .isCloseTo(Money.micros(20), withinPercentage(0.01));
  }

  @Test
  void neverExpectsLessThanTheFloor() {
    SeasonalBaseline baseline = spendBaseline();
    feed(baseline, MONDAY, 14 * 24, hour -> Money.micros(0.10));
    assertThat(expected(baseline, MONDAY + 14 * DAY + 10 * HOUR)).isEqualTo(ONE_DOLLAR);

    SeasonalBaseline idle = new SeasonalBaseline(SeasonalBaseline.Settings.withFloor(60));
    feed(idle, MONDAY, 7 * 24, hour -> 0);
    assertThat(expected(idle, MONDAY + 7 * DAY)).isEqualTo(60);
  }

  @Test
  void aTenfoldHourBarelyMovesTheBaselineAndTheNextDaysAnomalyStillStandsOut() {
    SeasonalBaseline baseline = trainedFourWeeks();
    long tuesdayPeak = MONDAY + 4 * WEEK + DAY + 14 * HOUR;
    long wednesdayPeak = tuesdayPeak + DAY;
    double before = expected(baseline, wednesdayPeak);

    baseline.observe(tuesdayPeak, 10 * Series.normalSpend(tuesdayPeak));

    double after = expected(baseline, wednesdayPeak);
    assertThat(after).isLessThanOrEqualTo(before * 1.03);
    double secondAnomaly = 2.5 * Series.normalSpend(wednesdayPeak);
    assertThat(secondAnomaly / after).isGreaterThan(2.0);
  }

  @Test
  void aWholeDayAtThreeTimesDoesNotHideTheSameAnomalyTheNextDay() {
    SeasonalBaseline baseline = trainedFourWeeks();
    long tuesday = MONDAY + 4 * WEEK + DAY;
    long wednesday = tuesday + DAY;
    double[] before = new double[24];
    for (int h = 0; h < 24; h++) {
      before[h] = expected(baseline, wednesday + h * HOUR);
    }

    feed(baseline, tuesday, 24, hour -> 3 * Series.normalSpend(hour));

    for (int h = 0; h < 24; h++) {
      long hour = wednesday + h * HOUR;
      double after = expected(baseline, hour);
      assertThat(after).as("hour %d", h).isLessThanOrEqualTo(before[h] * 1.04);
      assertThat(3 * Series.normalSpend(hour) / after).as("hour %d", h).isGreaterThan(2.0);
    }
  }

  @Test
  void aRevisedHourReplacesItsValueInsteadOfAddingASample() {
    SeasonalBaseline baseline = spendBaseline();
    long monday = MONDAY + 14 * HOUR;
    baseline.observe(monday, Money.micros(100));
    baseline.observe(monday + DAY, Money.micros(200));
    baseline.observe(monday + 2 * DAY, Money.micros(300));
    long thursday = monday + 3 * DAY;
    assertThat(expected(baseline, thursday)).isEqualTo(Money.micros(200));

    baseline.observe(monday, Money.micros(500)); // a late bill revised Monday's hour

    assertThat(baseline.samplesFor(thursday)).isEqualTo(3);
    assertThat(baseline.sampleCount()).isEqualTo(3);
    // Replaced: median of 500, 200, 300. Added, it would have been the median of four (250).
    assertThat(expected(baseline, thursday)).isEqualTo(Money.micros(300));
  }

  @Test
  void keepsTheNewestSamplesWhateverTheOrderTheyArrive() {
    SeasonalBaseline.Settings threePerBucket = new SeasonalBaseline.Settings(ZoneOffset.UTC, 3, 3, 0);
    SeasonalBaseline baseline = new SeasonalBaseline(threePerBucket);
    long monday = MONDAY + 14 * HOUR;
    baseline.observe(monday, 1000);
    baseline.observe(monday + 2 * DAY, 20);
    baseline.observe(monday + 3 * DAY, 30);
    assertThat(expected(baseline, monday)).isEqualTo(30);

    baseline.observe(monday + DAY, 10); // Tuesday arrives late: Monday, the oldest, is evicted
    assertThat(expected(baseline, monday)).isEqualTo(20);

    baseline.observe(monday, 5); // a revision of an evicted hour changes nothing
    assertThat(expected(baseline, monday)).isEqualTo(20);
    assertThat(baseline.samplesFor(monday)).isEqualTo(3);
  }

  @Test
  void bucketsByLocalHourAndLocalDayOfWeek() {
    ZoneId newYork = ZoneId.of("America/New_York");
    assertThat(SeasonalBaseline.bucketOf(at("2025-06-04T18:00:00Z"), newYork)).isEqualTo(14);
    assertThat(SeasonalBaseline.bucketOf(at("2025-06-04T18:00:00Z"), ZoneOffset.UTC)).isEqualTo(18);
    // Saturday 03:00 UTC is still Friday 23:00 in New York: a weekday there.
    assertThat(SeasonalBaseline.bucketOf(at("2025-06-07T03:00:00Z"), newYork)).isEqualTo(23);
    assertThat(SeasonalBaseline.bucketOf(at("2025-06-07T03:00:00Z"), ZoneOffset.UTC)).isEqualTo(24 + 3);

    SeasonalBaseline baseline = new SeasonalBaseline(SeasonalBaseline.Settings.withFloor(0).inZone(newYork));
    feed(baseline, MONDAY, 7 * 24, hour -> SeasonalBaseline.bucketOf(hour, newYork) == 14 ? 40 : 10);
    assertThat(expected(baseline, at("2025-06-11T18:30:00Z"))).isEqualTo(40);
    assertThat(expected(baseline, at("2025-06-11T14:30:00Z"))).isEqualTo(10);
  }

  @Test
  void expectedTotalWeighsEachHourByItsPartOfTheSpan() {
    SeasonalBaseline baseline = new SeasonalBaseline(SeasonalBaseline.Settings.withFloor(0));
    feed(baseline, MONDAY, 14 * 24, hour -> SeasonalBaseline.bucketOf(hour, ZoneOffset.UTC) == 14 ? 40 : 10);
    long wednesday = MONDAY + 16 * DAY;

    assertThat(baseline.expectedTotal(wednesday + 13 * HOUR + 30 * 60_000, wednesday + 14 * HOUR + 30 * 60_000))
        .hasValueCloseTo(5.0 + 20, within(1e-9));
    assertThat(baseline.expectedTotal(wednesday, wednesday + 24 * HOUR)).hasValueCloseTo(23 * 10.0 + 40, within(1e-9));
    assertThat(baseline.expectedTotal(wednesday, wednesday)).hasValue(0);
  }

  @Test
  void roundTripsThroughBytesWithinTheSizeBound() {
    SeasonalBaseline baseline = trainedFourWeeks();
    byte[] bytes = baseline.toBytes();

    assertThat(baseline.sampleCount()).isEqualTo(SeasonalBaseline.BUCKETS * 8);
    assertThat(bytes).hasSize(5 + SeasonalBaseline.BUCKETS * 8 * 12);
    SeasonalBaseline decoded = SeasonalBaseline.fromBytes(bytes, baseline.settings());
    assertThat(decoded.toBytes()).isEqualTo(bytes);
    for (long t = MONDAY + 4 * WEEK; t < MONDAY + 5 * WEEK; t += HOUR) {
      assertThat(decoded.expected(t)).isEqualTo(baseline.expected(t));
    }
    assertThat(spendBaseline().toBytes()).hasSize(5);
    assertThat(SeasonalBaseline.fromBytes(spendBaseline().toBytes(), baseline.settings()).sampleCount()).isZero();
  }

  @Test
  void readingUnderAnotherZoneBucketsTheHistoryAgain() {
    ZoneId newYork = ZoneId.of("America/New_York");
    double[] values = new double[7 * 24];
    LongToDoubleFunction series = noisy(NORMAL, 0.05, 7);
    Arrays.setAll(values, i -> series.applyAsDouble(MONDAY + i * HOUR));
    LongToDoubleFunction week = hour -> values[(int) ((hour - MONDAY) / HOUR)];
    SeasonalBaseline utc = spendBaseline();
    feed(utc, MONDAY, values.length, week);
    SeasonalBaseline direct = new SeasonalBaseline(utc.settings().inZone(newYork));
    feed(direct, MONDAY, values.length, week);

    SeasonalBaseline moved = SeasonalBaseline.fromBytes(utc.toBytes(), utc.settings().inZone(newYork));

    assertThat(moved.toBytes()).isEqualTo(direct.toBytes());
    assertThat(moved.expected(at("2025-06-09T18:00:00Z"))).isEqualTo(direct.expected(at("2025-06-09T18:00:00Z")));
  }

  @Test
  void readingWithASmallerKKeepsTheNewestSamples() {
    LongToDoubleFunction series = noisy(NORMAL, 0.05, 11);
    double[] values = new double[28 * 24];
    Arrays.setAll(values, i -> series.applyAsDouble(MONDAY + i * HOUR));
    LongToDoubleFunction weeks = hour -> values[(int) ((hour - MONDAY) / HOUR)];
    SeasonalBaseline eight = spendBaseline();
    feed(eight, MONDAY, values.length, weeks);
    SeasonalBaseline.Settings three = new SeasonalBaseline.Settings(ZoneOffset.UTC, 3, 3, ONE_DOLLAR);
    SeasonalBaseline direct = new SeasonalBaseline(three);
    feed(direct, MONDAY, values.length, weeks);

    SeasonalBaseline shrunk = SeasonalBaseline.fromBytes(eight.toBytes(), three);

    assertThat(shrunk.sampleCount()).isEqualTo(SeasonalBaseline.BUCKETS * 3);
    assertThat(shrunk.toBytes()).isEqualTo(direct.toBytes());
  }

  @Test
  void rejectsBadInputWithContext() {
    SeasonalBaseline baseline = spendBaseline();
    assertThatThrownBy(() -> baseline.observe(MONDAY + 60_000, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2025-06-02T00:01:00Z").hasMessageContaining("not the start of a UTC hour");
    assertThatThrownBy(() -> baseline.observe(MONDAY, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    assertThatThrownBy(() -> baseline.observe(MONDAY, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 0");
    assertThatThrownBy(() -> new SeasonalBaseline.Settings(ZoneOffset.UTC, 8, 9, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minSamples 9");
    assertThatThrownBy(() -> new SeasonalBaseline.Settings(ZoneOffset.UTC, 0, 1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("samplesPerBucket 0");
    assertThatThrownBy(() -> SeasonalBaseline.Settings.withFloor(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("floor -1");
  }

  @Test
  void rejectsBytesItCannotRead() {
    byte[] bytes = trainedFourWeeks().toBytes();
    byte[] newer = bytes.clone();
    newer[0] = 9;
    assertThatThrownBy(() -> SeasonalBaseline.fromBytes(newer, SeasonalBaseline.Settings.withFloor(0)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("format 9");
    byte[] truncated = Arrays.copyOf(bytes, 100);
    assertThatThrownBy(() -> SeasonalBaseline.fromBytes(truncated, SeasonalBaseline.Settings.withFloor(0)))
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("100 bytes");
  }

  @Test
  void theSpreadIsTheScaledMedianDeviationAndOneOutlierDoesNotWidenIt() {
    SeasonalBaseline baseline = new SeasonalBaseline(SeasonalBaseline.Settings.withFloor(0));
    long wednesdayNoon = MONDAY + 2 * DAY + 12 * HOUR;
    double[] weeks = {100, 110, 90, 105, 95, 100, 100};
    for (int w = 0; w < weeks.length; w++) {
      baseline.observe(wednesdayNoon + w * WEEK, weeks[w]);
    }
    // Deviations from the median 100: 0, 10, 10, 5, 5, 0, 0 -> median 5 -> 5 x 1.4826.
    assertThat(baseline.spread(wednesdayNoon).getAsDouble()).isCloseTo(5 * 1.4826, within(1e-9));

    baseline.observe(wednesdayNoon + 7 * WEEK, 10_000);
    assertThat(baseline.spread(wednesdayNoon).getAsDouble()).as("an outlier barely moves it")
        .isCloseTo(5 * 1.4826, within(1e-9));
    assertThat(baseline.spread(MONDAY + 3 * HOUR)).as("a cold hour has no spread").isEmpty();
  }
}
