package io.burnrate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.baseline.SpendProjection;
import io.burnrate.engine.Fixtures;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** BUDGET_FORECAST: the budget day's projected spend against factor (1.2) x the daily budget. */
class BudgetForecastTest {
  private static final long DAY_START = Fixtures.at("2024-03-05T00:00:00Z");
  private static final long DAY_END = DAY_START + 24 * Fixtures.HOUR;
  private static final long NOON = DAY_START + 12 * Fixtures.HOUR;
  private final BudgetForecast rule = new BudgetForecast();
  /** $100 a day: the forecast line is $120. */
  private final EndpointSettings endpoint = Fixtures.endpoint().build();

  /** At noon, the last hour's pace carried flat to midnight: spent + 12 x last hour. */
  private static SpendProjection.Projection atNoon(long spentMicros, long lastHourMicros) {
    return SpendProjection.project(DAY_START, DAY_END, NOON, spentMicros, lastHourMicros, null);
  }

  private static DayFigures day(long spentMicros) {
    return new DayFigures(DAY_START, DAY_END, LocalDate.of(2024, 3, 5), spentMicros, "metered", 0, 0);
  }

  @Test
  void factsOfTheRule() {
    assertThat(rule.id()).isEqualTo(AlertRule.BUDGET_FORECAST);
    assertThat(rule.defaultThreshold()).isEqualTo(1.2);
    assertThat(rule.severity()).isEqualTo(Severity.WARNING);
    assertThat(rule.unit()).isEqualTo("USD");
    assertThat(rule.defaultLifecycle()).isEqualTo(LifecycleSettings.BUDGET_DAY);
    assertThat(rule.command(endpoint)).isEmpty();
    assertThat(rule.limitMicros(endpoint)).isEqualTo(120_000_000);
  }

  @Test
  void aProjectionExactlyAtTheLineDoesNotBreach() {
    Reading reading = rule.judge(atNoon(60_000_000, 5_000_000), endpoint);

    assertThat(reading.breached()).isFalse();
    assertThat(reading.clear()).isTrue();
    assertThat(reading.observed()).isEqualTo(120.0);
    assertThat(reading.threshold()).isEqualTo(120.0);
  }

  @Test
  void aProjectionOneMicroDollarAboveTheLineBreaches() {
    Reading reading = rule.judge(atNoon(60_000_001, 5_000_000), endpoint);

    assertThat(reading.breached()).isTrue();
    assertThat(reading.clear()).isFalse();
    assertThat(reading.observed()).isGreaterThan(reading.threshold());
  }

  @Test
  void theConfiguredFactorMovesTheLine() {
    EndpointSettings tolerant = Fixtures.endpoint().threshold(AlertRule.BUDGET_FORECAST, 1.5).build();

    assertThat(rule.judge(atNoon(90_000_000, 5_000_000), tolerant).breached()).isFalse();
    assertThat(rule.judge(atNoon(90_000_001, 5_000_000), tolerant).breached()).isTrue();
  }

  @Test
  void anEndpointWithoutABudgetIsNotJudged() {
    EndpointSettings noBudget = Fixtures.endpoint().budget(0).build();

    assertThat(rule.judge(atNoon(60_000_000, 5_000_000), noBudget)).isSameAs(Reading.UNJUDGED);
  }

  @Test
  void firingMessageGivesTheProjectionItsShareOfTheBudgetAndWhenItCrossesTheLine() {
    // $60 by noon at $6 an hour: $132 by midnight, past $120 at 22:00.
    SpendProjection.Projection projection = atNoon(60_000_000, 6_000_000);

    String message = rule.firingMessage(day(60_000_000), projection, endpoint);

    assertThat(message).contains(Fixtures.ENDPOINT, "on course for $132", "132% of its $100 budget",
        "end of 2024-03-05", "passes $120 at 22:00 UTC", "spent $60.00 so far");
  }

  @Test
  void theCrossingIsToldInTheEndpointsZone() {
    EndpointSettings berlin = Fixtures.endpoint().zone("Europe/Berlin").build();

    String message = rule.firingMessage(day(60_000_000), atNoon(60_000_000, 6_000_000), berlin);

    assertThat(message).contains("passes $120 at 23:00 Europe/Berlin");
  }

  @Test
  void resolvedMessageGivesTheDayAndItsSpend() {
    assertThat(rule.resolvedMessage(day(118_000_000), endpoint))
        .contains(Fixtures.ENDPOINT, "budget day 2024-03-05 is over", "spent $118");
  }
}
