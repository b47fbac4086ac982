package io.burnrate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.baseline.SeasonalBaseline;
import io.burnrate.engine.Fixtures;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * COST_PER_REQUEST_RISING: a closed hour's cost per request against factor (1.5) x its usual level for
 * that hour of the week, above the robust spread and the spend floor, over enough requests.
 */
class CostPerRequestRisingTest {
  private static final double H = 0.10;
  /** Tuesday 2024-03-05, the hour from 14:00 UTC. */
  private static final long HOUR = Fixtures.at("2024-03-05T14:00:00Z");
  private static final long DAY = 24 * Fixtures.HOUR;
  private static final long MIN_REQUESTS = 100;
  /** $0.10. */
  private static final double SPEND_FLOOR_USD = 0.10;
  private static final double SPREAD_LIMIT = 3.0;

  private final CostPerRequestRising rule = new CostPerRequestRising();
  private final EndpointSettings endpoint = Fixtures.endpoint().build();
  private final List<ClosedHour> trailing = new ArrayList<>();

  /** A cost-per-request baseline (micro-dollars per request) with one sample per weekday before, per value. */
  private static SeasonalBaseline usual(long hour, double... microsPerRequest) {
    SeasonalBaseline baseline = new SeasonalBaseline(SeasonalBaseline.Settings.withFloor(0));
    observe(baseline, hour, microsPerRequest);
    return baseline;
  }

  /** One sample per earlier weekday (Monday, then Friday, Thursday, ...) at the same hour of day. */
  private static void observe(SeasonalBaseline baseline, long hour, double... microsPerRequest) {
    long[] daysBack = {1, 4, 5, 6, 7};
    for (int i = 0; i < microsPerRequest.length; i++) {
      baseline.observe(hour - daysBack[i] * DAY, microsPerRequest[i]);
    }
  }

  private HourFigures hour(long requests, long spendMicros, SeasonalBaseline baseline) {
    return hour(requests, spendMicros, baseline, 1, false);
  }

  private HourFigures hour(long requests, long spendMicros, SeasonalBaseline baseline, int minBreachHours,
      boolean trailingFallback) {
    return new HourFigures(HOUR, requests, spendMicros, Fixtures.HOUR, 0.5, trailing, baseline,
        new HourFigures.Judging(MIN_REQUESTS, 3, SPREAD_LIMIT, SPEND_FLOOR_USD, minBreachHours, trailingFallback, 1.0));
  }

  private Reading judge(HourFigures figures) {
    return rule.judge(figures, endpoint, H);
  }

  @Test
  void factsOfTheRule() {
    assertThat(rule.id()).isEqualTo(AlertRule.COST_PER_REQUEST_RISING);
    assertThat(rule.defaultThreshold()).isEqualTo(1.5);
    assertThat(rule.severity()).isEqualTo(Severity.WARNING);
    assertThat(rule.unit()).isEqualTo("USD/request");
    assertThat(rule.defaultLifecycle()).isEqualTo(LifecycleSettings.CLOSED_HOUR);
    assertThat(rule.command(endpoint)).isEmpty();
  }

  @Test
  void exactlyOneAndAHalfTimesTheUsualCostDoesNotBreach() {
    Reading reading = judge(hour(1000, 1_500_000, usual(HOUR, 1000, 1000, 1000)));

    assertThat(reading.breached()).isFalse();
    assertThat(reading.clear()).isFalse();
    assertThat(reading.observed()).isEqualTo(0.0015);
    assertThat(reading.threshold()).isEqualTo(0.0015);
    assertThat(reading.baseline()).isEqualTo(0.001);
  }

  @Test
  void oneMicroDollarAboveBreaches() {
    Reading reading = judge(hour(1000, 1_500_001, usual(HOUR, 1000, 1000, 1000)));

    assertThat(reading.breached()).isTrue();
    assertThat(reading.clear()).isFalse();
    assertThat(reading.observed()).isGreaterThan(reading.threshold());
  }

  @Test
  void clearOnlyAtOrBelowTheHysteresisLine() {
    SeasonalBaseline baseline = usual(HOUR, 1000, 1000, 1000);

    assertThat(judge(hour(1000, 1_350_000, baseline)).clear()).isTrue();
    assertThat(judge(hour(1000, 900_000, baseline)).clear()).isTrue();
    assertThat(judge(hour(1000, 1_350_001, baseline)).clear()).isFalse();
    assertThat(judge(hour(1000, 1_350_001, baseline)).breached()).isFalse();
  }

  @Test
  void aNoisyHourOfTheWeekNeedsToRiseAboveItsSpreadToo() {
    // Median 1000, median absolute deviation 200: the line is 1000 + 3 x 1.4826 x 200 = 1889.56 micro-dollars.
    SeasonalBaseline noisy = usual(HOUR, 800, 1000, 1400);

    Reading within = judge(hour(1000, 1_800_000, noisy));
    Reading above = judge(hour(1000, 1_900_000, noisy));

    assertThat(within.breached()).isFalse();
    assertThat(within.threshold()).isCloseTo(0.00188956, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(above.breached()).isTrue();
    assertThat(above.observed()).isGreaterThan(above.threshold());
  }

  @Test
  void anExcessWorthNoMoreThanTheSpendFloorNeverBreachesAndCountsAsClear() {
    // 100 requests usually cost $0.10; twice that is $0.10 more: exactly the floor.
    SeasonalBaseline baseline = usual(HOUR, 1000, 1000, 1000);

    Reading atFloor = judge(hour(100, 200_000, baseline));
    Reading aboveFloor = judge(hour(100, 200_001, baseline));

    assertThat(atFloor.breached()).isFalse();
    assertThat(atFloor.clear()).isTrue();
    assertThat(aboveFloor.breached()).isTrue();
    assertThat(aboveFloor.observed()).isGreaterThan(aboveFloor.threshold());
  }

  @Test
  void tooFewRequestsAreNotJudged() {
    assertThat(judge(hour(MIN_REQUESTS - 1, 50_000_000, usual(HOUR, 1000, 1000, 1000))))
        .isSameAs(Reading.UNJUDGED);
  }

  @Test
  void neverBreachesWhileItsHourOfTheWeekWarmsUpButKeepsItsFigureForAnOpenEpisode() {
    assertWarmingUp(judge(hour(1000, 5_000_000, usual(HOUR, 1000, 1000))), 0.005);
    assertWarmingUp(judge(hour(1000, 5_000_000, null)), 0.005);
  }

  private static void assertWarmingUp(Reading reading, double perRequest) {
    assertThat(reading.breached()).isFalse();
    assertThat(reading.clear()).isTrue();
    assertThat(reading.observed()).isEqualTo(perRequest);
    assertThat(reading.threshold()).isNaN();
  }

  @Test
  void weekendSamplesDoNotWarmUpAWeekdayHour() {
    SeasonalBaseline baseline = new SeasonalBaseline(SeasonalBaseline.Settings.withFloor(0));
    baseline.observe(Fixtures.at("2024-03-02T14:00:00Z"), 1000);
    baseline.observe(Fixtures.at("2024-03-03T14:00:00Z"), 1000);
    baseline.observe(Fixtures.at("2024-02-25T14:00:00Z"), 1000);

    assertWarmingUp(judge(hour(1000, 5_000_000, baseline)), 0.005);
  }

  @Test
  void withTwoBreachHoursTheHourBeforeMustHaveBreachedToo() {
    SeasonalBaseline baseline = usual(HOUR, 1000, 1000, 1000);
    observe(baseline, HOUR - Fixtures.HOUR, 1000, 1000, 1000);

    Reading alone = judge(hour(1000, 2_000_000, baseline, 2, false));
    trailing.add(new ClosedHour(HOUR - Fixtures.HOUR, 1_100_000, 1000, false));
    Reading afterANormalHour = judge(hour(1000, 2_000_000, baseline, 2, false));
    trailing.clear();
    trailing.add(new ClosedHour(HOUR - Fixtures.HOUR, 1_800_000, 1000, false));
    Reading afterABreach = judge(hour(1000, 2_000_000, baseline, 2, false));

    assertThat(alone.breached()).isFalse();
    assertThat(alone.clear()).isFalse();
    assertThat(afterANormalHour.breached()).isFalse();
    assertThat(afterANormalHour.clear()).isFalse();
    assertThat(afterABreach.breached()).isTrue();
    assertThat(afterABreach.observed()).isGreaterThan(afterABreach.threshold());
  }

  @Test
  void whileWarmingUpTheTrailingHoursAreTheBaselineWhenConfigured() {
    for (int back = 1; back <= 3; back++) {
      trailing.add(new ClosedHour(HOUR - back * Fixtures.HOUR, 1_000_000, 1000, false));
    }
    SeasonalBaseline cold = usual(HOUR);

    Reading atLimit = judge(hour(1000, 1_500_000, cold, 1, true));
    Reading above = judge(hour(1000, 1_500_001, cold, 1, true));

    assertThat(atLimit.breached()).isFalse();
    assertThat(atLimit.clear()).isFalse();
    assertThat(atLimit.threshold()).isEqualTo(0.0015);
    assertThat(atLimit.baseline()).isEqualTo(0.001);
    assertThat(above.breached()).isTrue();
    assertThat(above.observed()).isGreaterThan(above.threshold());
    assertThat(judge(hour(1000, 1_350_000, cold, 1, true)).clear()).isTrue();
    assertThat(judge(hour(1000, 1_350_001, cold, 1, true)).clear()).isFalse();
    assertWarmingUp(judge(hour(1000, 1_500_001, cold, 1, false)), 0.001500001);
  }

  @Test
  void theTrailingFallbackNeedsThreeEarlierHours() {
    trailing.add(new ClosedHour(HOUR - Fixtures.HOUR, 1_000_000, 1000, false));
    trailing.add(new ClosedHour(HOUR - 2 * Fixtures.HOUR, 1_000_000, 1000, false));
    // The hour itself, already kept after a late bill, is not its own baseline.
    trailing.add(new ClosedHour(HOUR, 1_000_000, 1000, false));

    assertThat(judge(hour(1000, 5_000_000, usual(HOUR), 1, true))).isSameAs(Reading.UNJUDGED);
  }

  @Test
  void firingMessageGivesTheCostPerRequestTheHourTheUsualAndTheLimit() {
    HourFigures figures = hour(1000, 1_800_000, usual(HOUR, 1000, 1000, 1000));

    String message = rule.firingMessage(figures, endpoint, judge(figures));

    assertThat(message).contains(Fixtures.ENDPOINT, "$0.001800 per request", "hour from 14:00 UTC",
        "1.8x its usual $0.001000", "limit $0.001500");
  }
}
