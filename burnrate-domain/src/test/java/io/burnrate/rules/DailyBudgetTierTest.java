package io.burnrate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.engine.Fixtures;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.ScalingAction;
import io.burnrate.schema.Severity;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DAILY_BUDGET_120, _150 and _200: the budget day's spend against 120, 150 and 200 % of the daily budget. */
class DailyBudgetTierTest {
  private static final long DAY_START = Fixtures.at("2024-03-05T00:00:00Z");
  /** $100 a day. */
  private final EndpointSettings endpoint = Fixtures.endpoint().build();

  private static DayFigures day(long spendMicros) {
    return new DayFigures(DAY_START, DAY_START + 24 * Fixtures.HOUR, LocalDate.of(2024, 3, 5), spendMicros, "metered",
        0, 0);
  }

  private static DailyBudgetTier tier(AlertRule id) {
    return (DailyBudgetTier) RuleCatalog.rule(id);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "DAILY_BUDGET_120, 1.2, WARNING",
      "DAILY_BUDGET_150, 1.5, CRITICAL",
      "DAILY_BUDGET_200, 2.0, CRITICAL"})
  void factsOfEachTier(AlertRule id, double factor, Severity severity) {
    DailyBudgetTier tier = tier(id);

    assertThat(tier.id()).isEqualTo(id);
    assertThat(tier.defaultThreshold()).isEqualTo(factor);
    assertThat(tier.severity()).isEqualTo(severity);
    assertThat(tier.unit()).isEqualTo("USD");
    assertThat(tier.defaultLifecycle()).isEqualTo(LifecycleSettings.BUDGET_DAY);
  }

  @Test
  void theTiersAreListedLowestFirst() {
    assertThat(DailyBudgetTier.TIERS)
        .containsExactly(DailyBudgetTier.AT_120, DailyBudgetTier.AT_150, DailyBudgetTier.AT_200);
  }

  @ParameterizedTest(name = "{0} at ${1}")
  @CsvSource({
      "DAILY_BUDGET_120, 120000000",
      "DAILY_BUDGET_150, 150000000",
      "DAILY_BUDGET_200, 200000000"})
  void exactlyAtTheTierDoesNotBreachAndIsClear(AlertRule id, long limitMicros) {
    Reading reading = tier(id).judge(day(limitMicros), endpoint);

    assertThat(reading.breached()).isFalse();
    assertThat(reading.clear()).isTrue();
    assertThat(reading.threshold()).isEqualTo(limitMicros / 1e6);
    assertThat(tier(id).limitMicros(endpoint)).isEqualTo(limitMicros);
  }

  @ParameterizedTest(name = "{0} at ${1} + 1 micro-dollar")
  @CsvSource({
      "DAILY_BUDGET_120, 120000000",
      "DAILY_BUDGET_150, 150000000",
      "DAILY_BUDGET_200, 200000000"})
  void oneMicroDollarAboveTheTierBreaches(AlertRule id, long limitMicros) {
    Reading reading = tier(id).judge(day(limitMicros + 1), endpoint);

    assertThat(reading.breached()).isTrue();
    assertThat(reading.clear()).isFalse();
    assertThat(reading.observed()).isGreaterThan(reading.threshold());
  }

  @Test
  void theConfiguredFactorMovesTheTier() {
    EndpointSettings earlier = Fixtures.endpoint().threshold(AlertRule.DAILY_BUDGET_120, 1.1).build();

    assertThat(DailyBudgetTier.AT_120.judge(day(110_000_000), earlier).breached()).isFalse();
    assertThat(DailyBudgetTier.AT_120.judge(day(110_000_001), earlier).breached()).isTrue();
    assertThat(DailyBudgetTier.AT_150.judge(day(110_000_001), earlier).breached()).isFalse();
  }

  @Test
  void anEndpointWithoutABudgetIsNotJudged() {
    EndpointSettings noBudget = Fixtures.endpoint().budget(0).build();

    for (DailyBudgetTier tier : DailyBudgetTier.TIERS) {
      assertThat(tier.judge(day(500_000_000), noBudget)).as(tier.id().name()).isSameAs(Reading.UNJUDGED);
    }
  }

  @Test
  void at120PercentItScalesDownToMinReplicas() {
    EndpointSettings keepsTwo = Fixtures.endpoint().minReplicas(2).build();

    assertThat(DailyBudgetTier.AT_120.command(keepsTwo)).hasValueSatisfying(command -> {
      assertThat(command.action()).isEqualTo(ScalingAction.SCALE_DOWN);
      assertThat(command.targetReplicas()).isEqualTo(2);
      assertThat(command.routeTo()).isNull();
      assertThat(command.description()).contains("min_replicas 2");
    });
  }

  @Test
  void at150PercentItRoutesOverflowToTheFallbackEndpoint() {
    EndpointSettings withFallback = Fixtures.endpoint().fallback("ep-chat-small").build();

    assertThat(DailyBudgetTier.AT_150.command(withFallback)).hasValueSatisfying(command -> {
      assertThat(command.action()).isEqualTo(ScalingAction.ROUTE_OVERFLOW);
      assertThat(command.routeTo()).isEqualTo("ep-chat-small");
      assertThat(command.targetReplicas()).isNull();
      assertThat(command.description()).contains("ep-chat-small");
    });
  }

  @Test
  void at150PercentWithoutAFallbackEndpointThereIsNothingToRouteTo() {
    assertThat(DailyBudgetTier.AT_150.command(endpoint)).isEmpty();
  }

  @Test
  void at200PercentItShutsTheEndpointDown() {
    assertThat(DailyBudgetTier.AT_200.command(endpoint)).hasValueSatisfying(command -> {
      assertThat(command.action()).isEqualTo(ScalingAction.SHUTDOWN);
      assertThat(command.targetReplicas()).isZero();
    });
  }

  @Test
  void firingMessageGivesTheSpendItsShareOfTheBudgetAndTheLimit() {
    DayFigures figures = day(130_000_000);

    String message = DailyBudgetTier.AT_120.firingMessage(figures, endpoint,
        DailyBudgetTier.AT_120.judge(figures, endpoint));

    assertThat(message).contains(Fixtures.ENDPOINT, "spent $130.00 (metered)", "on 2024-03-05", "130%",
        "$100 daily budget", "limit $120.00");
  }

  @Test
  void resolvedMessagesGiveTheSpendTheLineAndTheBudget() {
    DayFigures figures = day(115_000_000);

    assertThat(DailyBudgetTier.AT_120.resolvedMessage(figures, endpoint,
        DailyBudgetTier.AT_120.judge(figures, endpoint)))
        .contains(Fixtures.ENDPOINT, "2024-03-05", "$115", "$120 line", "$100 budget");
    assertThat(DailyBudgetTier.AT_120.dayOverMessage(figures, endpoint))
        .contains(Fixtures.ENDPOINT, "budget day 2024-03-05 is over", "final spend $115");
  }
}
