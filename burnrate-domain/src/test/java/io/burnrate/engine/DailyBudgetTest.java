package io.burnrate.engine;

import static io.burnrate.engine.Fixtures.ENDPOINT;
import static io.burnrate.engine.Fixtures.at;
import static io.burnrate.engine.Fixtures.endpoint;
import static io.burnrate.engine.Fixtures.instantBill;
import static io.burnrate.engine.Fixtures.lineItem;
import static io.burnrate.engine.Fixtures.scaleUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.core.Ids;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.ScalingAction;
import io.burnrate.schema.ScalingCommand;
import io.burnrate.schema.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DAILY_BUDGET_120 / _150 / _200: once per tier per budget day, in the endpoint's own zone. */
class DailyBudgetTest {
  private static final long H10 = at("2025-06-02T10:00:00Z");
  private static final long MIN = Fixtures.MINUTE;
  private static final long HOUR = Fixtures.HOUR;

  @ParameterizedTest(name = "{0} at {1} x budget")
  @CsvSource({"DAILY_BUDGET_120, 1.2", "DAILY_BUDGET_150, 1.5", "DAILY_BUDGET_200, 2.0"})
  void tierFiresOnlyAboveItsLine(AlertRule rule, double factor) {
    EngineRun run = new EngineRun(endpoint().budget(10.0).fallback("ep-chat-small").build());
    long line = Math.round(10_000_000 * factor);

    run.bill(instantBill("li-below", H10, 0).costMicros(line - 10_000));
    assertThat(run.alerts(rule)).as("below").isEmpty();
    run.bill(instantBill("li-up-to-the-line", H10 + MIN, 0).costMicros(10_000));
    assertThat(run.daySpend("2025-06-02")).isEqualTo(line);
    assertThat(run.alerts(rule)).as("exactly at the line").isEmpty();
    run.bill(instantBill("li-one-micro", H10 + 2 * MIN, 0).costMicros(1));

    assertThat(run.alerts(rule)).as("one micro-dollar above").singleElement()
        .satisfies(alert -> assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING));
  }

  @Test
  void firingAlertCarriesTheBudgetDayTheLineAndTheSource() {
    EngineRun run = new EngineRun(endpoint().budget(10.0).build());

    run.bill(instantBill("li-1", H10, 12.000001));

    CostAlert alert = run.alerts(AlertRule.DAILY_BUDGET_120).get(0);
    assertThat(alert.getAlertId())
        .isEqualTo(Ids.nameBased(ENDPOINT, AlertRule.DAILY_BUDGET_120, LocalDate.parse("2025-06-02")));
    assertThat(alert.getEndpointId()).isEqualTo(ENDPOINT);
    assertThat(alert.getSeverity()).isEqualTo(Severity.WARNING);
    assertThat(alert.getWindowStart()).isEqualTo(Instant.parse("2025-06-02T00:00:00Z"));
    assertThat(alert.getWindowEnd()).isEqualTo(Instant.parse("2025-06-03T00:00:00Z"));
    assertThat(alert.getThreshold()).isEqualTo(12.0);
    assertThat(alert.getObserved()).isEqualTo(12.000001);
    assertThat(alert.getUnit()).isEqualTo("USD");
    assertThat(alert.getDetectedAt()).isEqualTo(Instant.ofEpochMilli(H10));
    assertThat(alert.getOwner()).isEqualTo("team-search");
    assertThat(alert.getRegion()).isEqualTo("us-east-1");
    assertThat(alert.getInstanceType()).isEqualTo("nvidia-l4");
    assertThat(alert.getMessage()).contains("billed");
  }

  @Test
  void meteredCrossingSaysSoInItsMessage() {
    EngineRun run = new EngineRun(endpoint().budget(1.0).build());

    run.replica(scaleUp("r1", H10));
    run.ticksEveryMinute(H10, H10 + HOUR + 5 * MIN);

    assertThat(run.alerts(AlertRule.DAILY_BUDGET_120)).singleElement()
        .satisfies(alert -> assertThat(alert.getMessage()).contains("metered").doesNotContain("billed"));
  }

  @Test
  void eachTierFiresOncePerBudgetDayAndAgainOnTheNextDayWithANewId() {
    EngineRun run = new EngineRun(endpoint().budget(10.0).build());

    run.bill(instantBill("li-1", H10, 12.50));
    run.bill(instantBill("li-2", H10 + HOUR, 1.00));
    run.bill(instantBill("li-3", H10 + 2 * HOUR, 1.00));
    assertThat(run.alerts(AlertRule.DAILY_BUDGET_120)).hasSize(1);

    run.bill(instantBill("li-4", at("2025-06-03T09:00:00Z"), 12.50));

    List<CostAlert> firing = run.alerts(AlertRule.DAILY_BUDGET_120).stream()
        .filter(a -> a.getStatus() == AlertStatus.FIRING).toList();
    assertThat(firing).extracting(CostAlert::getAlertId).containsExactly(
        Ids.nameBased(ENDPOINT, AlertRule.DAILY_BUDGET_120, LocalDate.parse("2025-06-02")),
        Ids.nameBased(ENDPOINT, AlertRule.DAILY_BUDGET_120, LocalDate.parse("2025-06-03")));
  }

  @Test
  void eachTierCausesItsCommandAsSpendClimbs() {
    EngineRun run = new EngineRun(endpoint().budget(10.0).minReplicas(2).fallback("ep-chat-small").build());

    run.bill(instantBill("li-1", H10, 12.50));
    run.bill(instantBill("li-2", H10 + HOUR, 3.00));
    run.bill(instantBill("li-3", H10 + 2 * HOUR, 5.00));

    assertThat(run.commands).extracting(ScalingCommand::getAction, ScalingCommand::getTargetReplicas,
            ScalingCommand::getRouteTo)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ScalingAction.SCALE_DOWN, 2, null),
            org.assertj.core.groups.Tuple.tuple(ScalingAction.ROUTE_OVERFLOW, null, "ep-chat-small"),
            org.assertj.core.groups.Tuple.tuple(ScalingAction.SHUTDOWN, 0, null));
    assertThat(run.commands.get(0).getAlertId()).isEqualTo(run.alerts(AlertRule.DAILY_BUDGET_120).get(0).getAlertId());
  }

  @Test
  void lateBillCrossingSeveralTiersFiresEveryTierButOnlyTheHighestTiersCommand() {
    EngineRun run = new EngineRun(endpoint().budget(10.0).fallback("ep-chat-small").build());
    run.bill(instantBill("li-0", H10 + 5 * HOUR, 1.00)); // stream time is at 15:00

    Outcome outcome = run.bill(lineItem("li-late", H10, H10 + HOUR, 24.00));

    assertThat(outcome.alerts).filteredOn(a -> a.getRule().name().startsWith("DAILY_BUDGET"))
        .extracting(CostAlert::getRule, CostAlert::getStatus)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AlertRule.DAILY_BUDGET_120, AlertStatus.FIRING),
            org.assertj.core.groups.Tuple.tuple(AlertRule.DAILY_BUDGET_150, AlertStatus.FIRING),
            org.assertj.core.groups.Tuple.tuple(AlertRule.DAILY_BUDGET_200, AlertStatus.FIRING));
    assertThat(outcome.commands).singleElement().satisfies(command -> {
      assertThat(command.getAction()).isEqualTo(ScalingAction.SHUTDOWN);
      assertThat(command.getTargetReplicas()).isZero();
      assertThat(command.getAlertId()).isEqualTo(run.alerts(AlertRule.DAILY_BUDGET_200).get(0).getAlertId());
    });
  }

  @Test
  void tierResolvesWhenStreamTimePassesTheDayEndPlusTheBillingGrace() {
    EngineRun run = new EngineRun(endpoint().budget(10.0).build());
    run.bill(instantBill("li-1", H10, 12.50));
    long graceOver = at("2025-06-03T00:00:00Z") + 48 * HOUR;

    run.tick(graceOver - MIN);
    assertThat(run.alerts(AlertRule.DAILY_BUDGET_120)).hasSize(1);

    run.tick(graceOver + MIN);

    List<CostAlert> alerts = run.alerts(AlertRule.DAILY_BUDGET_120);
    assertThat(alerts).extracting(CostAlert::getStatus).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    assertThat(alerts.get(1).getAlertId()).isEqualTo(alerts.get(0).getAlertId());
    assertThat(alerts.get(1).getWindowStart()).isEqualTo(alerts.get(0).getWindowStart());
  }

  @Test
  void raisedBudgetResolvesTheTier() {
    EngineRun run = new EngineRun(endpoint().budget(10.0).build());
    run.bill(instantBill("li-1", H10, 12.50));

    Outcome outcome = run.settingsChanged(endpoint().budget(20.0).build());

    assertThat(EngineRun.alerts(outcome, AlertRule.DAILY_BUDGET_120)).singleElement().satisfies(resolved -> {
      assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(resolved.getAlertId()).isEqualTo(run.alerts(AlertRule.DAILY_BUDGET_120).get(0).getAlertId());
    });
    assertThat(outcome.commands).isEmpty();
  }

  @Test
  void correctionLoweringTheBillDoesNotTakeTheTierBack() {
    EngineRun run = new EngineRun(endpoint().budget(10.0).build());
    run.bill(instantBill("li-1", H10, 12.50));

    run.correct(instantBill("li-1", H10, 12.50), instantBill("li-1", H10, 11.00));
    run.bill(instantBill("li-2", H10 + 30 * MIN, 2.00));

    assertThat(run.alerts(AlertRule.DAILY_BUDGET_120)).as("one FIRING for the day, nothing taken back")
        .extracting(CostAlert::getStatus).containsExactly(AlertStatus.FIRING);
    assertThat(run.commands).hasSize(1);
  }

  @Test
  void newYorkBudgetDayRunsFromLocalMidnight() {
    EngineRun run = new EngineRun(endpoint().budget(10.0).zone("America/New_York").build());

    run.bill(instantBill("li-1", at("2025-06-03T03:30:00Z"), 7.00)); // 23:30 EDT on June 2
    run.bill(instantBill("li-2", at("2025-06-03T04:30:00Z"), 7.00)); // 00:30 EDT on June 3
    assertThat(run.daySpend("2025-06-02")).isEqualTo(7_000_000);
    assertThat(run.daySpend("2025-06-03")).isEqualTo(7_000_000);
    assertThat(run.alerts(AlertRule.DAILY_BUDGET_120)).isEmpty();

    run.bill(instantBill("li-3", at("2025-06-03T05:00:00Z"), 6.00));

    assertThat(run.alerts(AlertRule.DAILY_BUDGET_120)).singleElement().satisfies(alert -> {
      assertThat(alert.getAlertId())
          .isEqualTo(Ids.nameBased(ENDPOINT, AlertRule.DAILY_BUDGET_120, LocalDate.parse("2025-06-03")));
      assertThat(alert.getWindowStart()).isEqualTo(Instant.parse("2025-06-03T04:00:00Z"));
      assertThat(alert.getWindowEnd()).isEqualTo(Instant.parse("2025-06-04T04:00:00Z"));
    });
  }

  @Test
  void newYorkBudgetDayIs23HoursLongWhenClocksGoForward() {
    EngineRun run = new EngineRun(endpoint().budget(10.0).zone("America/New_York").build());

    run.bill(instantBill("li-1", at("2025-03-10T03:30:00Z"), 13.00)); // 23:30 EDT on March 9

    assertThat(run.alerts(AlertRule.DAILY_BUDGET_120)).singleElement().satisfies(alert -> {
      assertThat(alert.getAlertId())
          .isEqualTo(Ids.nameBased(ENDPOINT, AlertRule.DAILY_BUDGET_120, LocalDate.parse("2025-03-09")));
      assertThat(alert.getWindowStart()).isEqualTo(Instant.parse("2025-03-09T05:00:00Z"));
      assertThat(alert.getWindowEnd()).isEqualTo(Instant.parse("2025-03-10T04:00:00Z"));
    });
  }

  @Test
  void kolkataHourCutByLocalMidnightPutsEachHalfInItsOwnBudgetDay() {
    // Asia/Kolkata is UTC+05:30: local midnight of June 3 is 18:30 UTC on June 2.
    EngineRun run = new EngineRun(endpoint().budget(10.0).price(12.0).zone("Asia/Kolkata").build());
    long start = at("2025-06-02T17:30:00Z");

    run.replica(scaleUp("r1", start));
    run.ticksEveryMinute(start, at("2025-06-02T19:45:00Z"));

    long cutHour = at("2025-06-02T18:00:00Z");
    long localMidnight = at("2025-06-02T18:30:00Z");
    assertThat(run.slices.all(ENDPOINT).subMap(cutHour, cutHour + HOUR).keySet())
        .containsExactly(cutHour, localMidnight);
    assertThat(run.slices.get(ENDPOINT, cutHour).meteredMicros()).isEqualTo(6_000_000);
    assertThat(run.slices.get(ENDPOINT, localMidnight).meteredMicros()).isEqualTo(6_000_000);
    assertThat(run.daySpend("2025-06-02")).as("17:30 to 18:30 UTC, exactly at the 120 % line").isEqualTo(12_000_000);

    // June 3 (local) passes $12 at 19:30 UTC, so the 19:31 tick is the first to see it.
    assertThat(run.alerts(AlertRule.DAILY_BUDGET_120)).singleElement().satisfies(alert -> {
      assertThat(alert.getAlertId())
          .isEqualTo(Ids.nameBased(ENDPOINT, AlertRule.DAILY_BUDGET_120, LocalDate.parse("2025-06-03")));
      assertThat(alert.getWindowStart()).isEqualTo(Instant.ofEpochMilli(localMidnight));
      assertThat(alert.getDetectedAt()).isEqualTo(Instant.parse("2025-06-02T19:31:00Z"));
    });
  }

  @Test
  void kolkataBillOverTheCutHourIsSplitAtLocalMidnight() {
    EngineRun run = new EngineRun(endpoint().budget(10.0).zone("Asia/Kolkata").build());

    run.bill(lineItem("li-1", at("2025-06-02T18:00:00Z"), at("2025-06-02T19:00:00Z"), 13.00));

    assertThat(run.daySpend("2025-06-02")).isEqualTo(6_500_000);
    assertThat(run.daySpend("2025-06-03")).isEqualTo(6_500_000);
    assertThat(run.alerts(AlertRule.DAILY_BUDGET_120)).isEmpty();
  }
}
