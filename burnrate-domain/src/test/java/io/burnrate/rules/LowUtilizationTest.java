package io.burnrate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.engine.Fixtures;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * LOW_UTILIZATION: a busy closed hour's average utilization below the limit (10 %), when the idle
 * capacity is worth more than the spend floor. It fires below its threshold and clears above it.
 */
class LowUtilizationTest {
  private static final double H = 0.10;
  /** Tuesday 2024-03-05, the hour from 14:00 UTC. */
  private static final long HOUR = Fixtures.at("2024-03-05T14:00:00Z");
  /** $1.00. */
  private static final double SPEND_FLOOR_USD = 1.0;

  private final LowUtilization rule = new LowUtilization();
  private final EndpointSettings endpoint = Fixtures.endpoint().build();
  /** Six earlier closed hours of 100 requests each: a busy hour serves at least half of 100. */
  private final List<ClosedHour> trailing = new ArrayList<>(List.of(
      new ClosedHour(HOUR - 6 * Fixtures.HOUR, 5_000_000, 100, false),
      new ClosedHour(HOUR - 5 * Fixtures.HOUR, 5_000_000, 100, false),
      new ClosedHour(HOUR - 4 * Fixtures.HOUR, 5_000_000, 100, false),
      new ClosedHour(HOUR - 3 * Fixtures.HOUR, 5_000_000, 100, false),
      new ClosedHour(HOUR - 2 * Fixtures.HOUR, 5_000_000, 100, false),
      new ClosedHour(HOUR - Fixtures.HOUR, 5_000_000, 100, false)));

  /** An hour of 100 requests and $10.00 with one replica ready all hour. */
  private HourFigures hour(Double utilization) {
    return hour(100, 10_000_000, Fixtures.HOUR, utilization);
  }

  private HourFigures hour(long requests, long spendMicros, long readyReplicaMs, Double utilization) {
    return new HourFigures(HOUR, requests, spendMicros, readyReplicaMs, utilization, trailing, null,
        new HourFigures.Judging(100, 3, 3.0, SPEND_FLOOR_USD, 1, false, 1.0));
  }

  private Reading judge(HourFigures figures) {
    return rule.judge(figures, endpoint, H);
  }

  @Test
  void factsOfTheRule() {
    assertThat(rule.id()).isEqualTo(AlertRule.LOW_UTILIZATION);
    assertThat(rule.defaultThreshold()).isEqualTo(0.10);
    assertThat(rule.severity()).isEqualTo(Severity.INFO);
    assertThat(rule.unit()).isEqualTo("ratio");
    assertThat(rule.advice()).isTrue();
    assertThat(rule.defaultLifecycle()).isEqualTo(LifecycleSettings.CLOSED_HOUR);
    assertThat(rule.command(endpoint)).isEmpty();
  }

  @Test
  void exactlyTheLimitDoesNotBreach() {
    Reading reading = judge(hour(0.10));

    assertThat(reading.breached()).isFalse();
    assertThat(reading.clear()).isFalse();
    assertThat(reading.observed()).isEqualTo(0.10);
    assertThat(reading.threshold()).isEqualTo(0.10);
  }

  @Test
  void justBelowTheLimitBreaches() {
    Reading reading = judge(hour(0.0999));

    assertThat(reading.breached()).isTrue();
    assertThat(reading.clear()).isFalse();
    assertThat(reading.observed()).isLessThan(reading.threshold());
    assertThat(reading.baseline()).isEqualTo(100.0);
  }

  @ParameterizedTest(name = "utilization {0} with hysteresis {1}: clear {2}")
  @CsvSource({
      "0.11, 0.1, true",
      "0.5, 0.1, true",
      "0.1099, 0.1, false",
      "0.105, 0.1, false",
      "0.12, 0.2, true",
      "0.1199, 0.2, false"})
  void clearOnlyAtOrAboveTheHysteresisLine(double utilization, double hysteresis, boolean clear) {
    Reading reading = rule.judge(hour(utilization), endpoint, hysteresis);

    assertThat(reading.breached()).isFalse();
    assertThat(reading.clear()).isEqualTo(clear);
  }

  @Test
  void theConfiguredLimitIsTheLine() {
    EndpointSettings stricter = Fixtures.endpoint().threshold(AlertRule.LOW_UTILIZATION, 0.25).build();

    assertThat(rule.judge(hour(0.25), stricter, H).breached()).isFalse();
    assertThat(rule.judge(hour(0.2499), stricter, H).breached()).isTrue();
  }

  @Test
  void withoutAReplicaReadyAllHourItIsNotJudged() {
    assertThat(judge(hour(100, 10_000_000, Fixtures.HOUR - 1, 0.01))).isSameAs(Reading.UNJUDGED);
    assertThat(judge(hour(100, 10_000_000, 0, null))).isSameAs(Reading.UNJUDGED);
    assertThat(judge(hour(100, 10_000_000, 2 * Fixtures.HOUR, 0.01)).breached()).isTrue();
  }

  @Test
  void aQuietHourIsNotJudged() {
    assertThat(judge(hour(49, 10_000_000, Fixtures.HOUR, 0.01))).as("under half its average of 100")
        .isSameAs(Reading.UNJUDGED);
    assertThat(judge(hour(50, 10_000_000, Fixtures.HOUR, 0.01)).breached()).as("half its average").isTrue();
    assertThat(judge(hour(0, 10_000_000, Fixtures.HOUR, 0.0))).isSameAs(Reading.UNJUDGED);
  }

  @Test
  void withFewerThanSixEarlierHoursNoHourCountsAsBusy() {
    trailing.remove(0);
    // The hour itself, already kept after a late bill, is not one of its earlier hours.
    trailing.add(new ClosedHour(HOUR, 10_000_000, 100, false));

    assertThat(judge(hour(0.01))).isSameAs(Reading.UNJUDGED);
  }

  @Test
  void idleCapacityWorthNoMoreThanTheSpendFloorDoesNotBreachYetNorCountAsClear() {
    // $1.25 at 20 % of a 25 % limit: $1.00 idle, exactly the floor.
    EndpointSettings stricter = Fixtures.endpoint().threshold(AlertRule.LOW_UTILIZATION, 0.25).build();

    Reading atFloor = rule.judge(hour(100, 1_250_000, Fixtures.HOUR, 0.20), stricter, H);
    Reading aboveFloor = rule.judge(hour(100, 1_250_002, Fixtures.HOUR, 0.20), stricter, H);

    assertThat(atFloor.breached()).isFalse();
    assertThat(atFloor.clear()).as("still idle: its dollars add to the next idle hours'").isFalse();
    assertThat(aboveFloor.breached()).isTrue();
    assertThat(aboveFloor.observed()).isLessThan(aboveFloor.threshold());
  }

  @Test
  void firingMessageGivesUtilizationAsPercentagesTrafficReplicaHoursAndIdleDollars() {
    HourFigures figures = hour(120, 10_000_000, Fixtures.HOUR, 0.0146);

    String message = rule.firingMessage(figures, endpoint, judge(figures));

    assertThat(message).contains(Fixtures.ENDPOINT, "1.46 % utilized", "hour from 14:00 UTC", "(limit 10.00 %)",
        "serving 120 requests", "(average 100)", "1.0 replica-hours", "$9.85 of $10.00");
  }
}
