package io.burnrate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.Severity;
import io.burnrate.sim.GroundTruth;
import io.burnrate.sim.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertNoiseTest {
  private static final Instant T0 = Instant.parse("2026-11-03T10:00:00Z");
  private static final Duration SLACK = Duration.ofHours(2);
  private static final ZoneId UTC = ZoneId.of("UTC");

  @Test
  void aFiringSoonAfterAResolvedOfTheSameEndpointAndRuleIsAFlap() {
    List<CostAlert> alerts = List.of(
        firing("a", "ep-1", AlertRule.HOURLY_SPEND_RATE, 0),
        resolved("a", "ep-1", AlertRule.HOURLY_SPEND_RATE, 30),
        firing("b", "ep-1", AlertRule.HOURLY_SPEND_RATE, 44), // 14 min after a's RESOLVED: a flap
        resolved("b", "ep-1", AlertRule.HOURLY_SPEND_RATE, 60),
        firing("c", "ep-1", AlertRule.HOURLY_SPEND_RATE, 75), // exactly 15 min: not a flap
        firing("d", "ep-2", AlertRule.HOURLY_SPEND_RATE, 31), // another endpoint
        firing("e", "ep-1", AlertRule.COST_SPIKE, 31)); // another rule

    List<AlertNoise.Flap> flaps = AlertNoise.flaps(alerts, AlertNoise.FLAP_GAP);

    assertThat(flaps).extracting(AlertNoise.Flap::firingId, AlertNoise.Flap::resolvedId, AlertNoise.Flap::gap)
        .containsExactly(tuple("b", "a", Duration.ofMinutes(14)));
    assertThat(flaps.get(0).describe()).isEqualTo("ep-1 HOURLY_SPEND_RATE: b FIRING at 2026-11-03T10:44:00Z, 14 min 00 s"
        + " after a RESOLVED at 2026-11-03T10:30:00Z");
  }

  @Test
  void aResolvedAndAFiringAtTheSameInstantIsAFlapWhicheverComesFirst() {
    List<CostAlert> alerts = List.of(
        firing("h1", "ep-1", AlertRule.LOW_UTILIZATION, 0),
        firing("h2", "ep-1", AlertRule.LOW_UTILIZATION, 60), // emitted before h1's RESOLVED, same instant
        resolved("h1", "ep-1", AlertRule.LOW_UTILIZATION, 60),
        firing("x", "ep-1", AlertRule.COST_SPIKE, 120),
        resolved("x", "ep-1", AlertRule.COST_SPIKE, 120)); // x's own end: not a flap

    assertThat(AlertNoise.flaps(alerts, AlertNoise.FLAP_GAP)).extracting(AlertNoise.Flap::firingId)
        .containsExactly("h2");
    assertThat(AlertNoise.byRule(List.of(AlertRule.LOW_UTILIZATION, AlertRule.HOURLY_SPEND_RATE,
        AlertRule.LOW_UTILIZATION))).isEqualTo(" (HOURLY_SPEND_RATE 1, LOW_UTILIZATION 2)");
  }

  @Test
  void anOscillationInOneWindowCountsTwoIdsForTheRule() {
    GroundTruth window = new GroundTruth("ep-1", 1, Scenario.BUDGET_OVERRUN, T0, T0.plus(Duration.ofHours(3)),
        Scenario.BUDGET_OVERRUN.expectedRules(), Scenario.BUDGET_OVERRUN.possibleRules());
    GroundTruth other = new GroundTruth("ep-1", 1, Scenario.BUDGET_OVERRUN, T0.plus(Duration.ofDays(3)),
        T0.plus(Duration.ofDays(3)).plus(Duration.ofHours(3)), Scenario.BUDGET_OVERRUN.expectedRules(),
        Scenario.BUDGET_OVERRUN.possibleRules());
    List<CostAlert> alerts = List.of(
        firing("a", "ep-1", AlertRule.HOURLY_SPEND_RATE, 10),
        firing("a", "ep-1", AlertRule.HOURLY_SPEND_RATE, 12), // the same id again: still one id
        resolved("a", "ep-1", AlertRule.HOURLY_SPEND_RATE, 40),
        firing("b", "ep-1", AlertRule.HOURLY_SPEND_RATE, 90),
        firing("c", "ep-2", AlertRule.HOURLY_SPEND_RATE, 90), // another endpoint
        firing("d", "ep-1", AlertRule.DAILY_BUDGET_120, 170),
        firing("e", "ep-1", AlertRule.HOURLY_SPEND_RATE, -1), // before the window
        firing("f", "ep-1", AlertRule.HOURLY_SPEND_RATE, 3 * 60 + 121), // after the window's slack
        firing("g", "ep-1", AlertRule.ERROR_RATE, 20), // neither expected nor possible
        firing("h", "ep-1", AlertRule.DAILY_BUDGET_120, 3 * 24 * 60 + 30)); // in the other window

    List<AlertNoise.WindowIds> windows = AlertNoise.idsPerWindow(alerts, List.of(window, other), SLACK);

    assertThat(windows).filteredOn(w -> w.window() == window && w.rule() == AlertRule.HOURLY_SPEND_RATE)
        .singleElement().satisfies(w -> {
          assertThat(w.ids()).containsExactly("a", "b");
          assertThat(w.describe()).contains("BUDGET_OVERRUN", "ep-1", T0.toString(), "HOURLY_SPEND_RATE",
              "2 FIRING ids [a, b]");
        });
    assertThat(windows).filteredOn(w -> w.window() == window && w.rule() == AlertRule.ERROR_RATE)
        .singleElement().extracting(AlertNoise.WindowIds::ids).isEqualTo(List.of("g"));
    assertThat(windows).filteredOn(w -> w.window() == window && w.rule() == AlertRule.DAILY_BUDGET_200)
        .singleElement().extracting(AlertNoise.WindowIds::count).isEqualTo(0);
    assertThat(windows).filteredOn(w -> w.count() > 1).extracting(AlertNoise.WindowIds::rule)
        .containsExactly(AlertRule.HOURLY_SPEND_RATE);

    List<AlertNoise.ScenarioRule> rows = AlertNoise.perScenarioRule(windows);
    assertThat(rows).extracting(AlertNoise.ScenarioRule::rule, AlertNoise.ScenarioRule::kind,
            AlertNoise.ScenarioRule::windows, AlertNoise.ScenarioRule::maxIds, AlertNoise.ScenarioRule::totalIds)
        .containsExactly(
            tuple(AlertRule.HOURLY_SPEND_RATE, AlertNoise.Kind.EXPECTED, 2, 2, 2),
            tuple(AlertRule.DAILY_BUDGET_120, AlertNoise.Kind.EXPECTED, 2, 1, 2),
            tuple(AlertRule.DAILY_BUDGET_150, AlertNoise.Kind.EXPECTED, 2, 0, 0),
            tuple(AlertRule.DAILY_BUDGET_200, AlertNoise.Kind.EXPECTED, 2, 0, 0),
            tuple(AlertRule.ERROR_RATE, AlertNoise.Kind.OTHER, 2, 1, 1));
  }

  @Test
  void infoAdviceTwiceADayIsCountedPerEndpointRuleAndBudgetDay() {
    ZoneId newYork = ZoneId.of("America/New_York");
    List<CostAlert> alerts = List.of(
        info("u1", "ep-1", AlertRule.LOW_UTILIZATION, "2026-11-03T10:00:00Z"),
        info("u2", "ep-1", AlertRule.LOW_UTILIZATION, "2026-11-03T14:00:00Z"),
        // 02:00 UTC on the 4th is still the 3rd in New York: the same budget day
        info("u3", "ep-1", AlertRule.LOW_UTILIZATION, "2026-11-04T02:00:00Z"),
        info("u4", "ep-1", AlertRule.LOW_UTILIZATION, "2026-11-04T10:00:00Z"),
        info("r1", "ep-1", AlertRule.REGIONAL_COST_VARIANCE, "2026-11-03T10:00:00Z"),
        info("u5", "ep-2", AlertRule.LOW_UTILIZATION, "2026-11-03T10:00:00Z"),
        info("u6", "ep-2", AlertRule.LOW_UTILIZATION, "2026-11-04T02:00:00Z"), // UTC: another day
        firing("w", "ep-1", AlertRule.HOURLY_SPEND_RATE, 0)); // WARNING: not advice
    Map<String, ZoneId> zones = Map.of("ep-1", newYork, "ep-2", UTC);

    AlertNoise.Summary noise = AlertNoise.of(alerts, List.of(), SLACK, zones::get, 2, 2);

    assertThat(noise.busiestInfoDay()).satisfies(d -> {
      assertThat(d.endpointId()).isEqualTo("ep-1");
      assertThat(d.rule()).isEqualTo(AlertRule.LOW_UTILIZATION);
      assertThat(d.day()).isEqualTo(LocalDate.parse("2026-11-03"));
      assertThat(d.ids()).containsExactly("u1", "u2", "u3");
    });
    assertThat(noise.repeatedInfo()).extracting(AlertNoise.DayCount::describe)
        .containsExactly("ep-1 LOW_UTILIZATION on 2026-11-03: 3 FIRING [u1, u2, u3]");
    assertThat(noise.firing()).isEqualTo(8);
    assertThat(noise.firingPerEndpointDay()).isEqualTo(2.0);
    assertThat(noise.busiestEndpointDay()).satisfies(d -> {
      assertThat(d.endpointId()).isEqualTo("ep-1");
      assertThat(d.day()).isEqualTo(LocalDate.parse("2026-11-03"));
      assertThat(d.count()).isEqualTo(5); // u1, u2, u3, r1 and w (10:00 UTC on the 3rd)
    });
  }

  @Test
  void aFiringMustBeStrictlyBeyondItsThresholdBelowItForLowUtilization() {
    List<CostAlert> alerts = List.of(
        withFigures(firing("ok", "ep-1", AlertRule.HOURLY_SPEND_RATE, 0), 12.0, 10.0),
        withFigures(firing("equal", "ep-1", AlertRule.HOURLY_SPEND_RATE, 1), 10.0, 10.0),
        withFigures(firing("under", "ep-1", AlertRule.DAILY_BUDGET_120, 2), 280.0, 288.0),
        withFigures(firing("idle", "ep-1", AlertRule.LOW_UTILIZATION, 3), 0.04, 0.10),
        withFigures(firing("busy", "ep-1", AlertRule.LOW_UTILIZATION, 4), 0.12, 0.10),
        withFigures(resolved("ok", "ep-1", AlertRule.HOURLY_SPEND_RATE, 5), 8.0, 10.0)); // RESOLVED: not judged

    assertThat(AlertNoise.violations(alerts)).extracting(v -> v.alert().getAlertId())
        .containsExactly("equal", "under", "busy");
    assertThat(AlertNoise.violations(alerts).get(2).describe())
        .isEqualTo("ep-1 LOW_UTILIZATION busy FIRING at " + T0.plusSeconds(240) + ": observed 0.12 not below"
            + " threshold 0.1");
  }

  @Test
  void aQuietRunHasNothingToReport() {
    GroundTruth window = new GroundTruth("ep-1", 1, Scenario.DEATH_SPIRAL, T0, T0.plus(Duration.ofHours(3)),
        Set.of(AlertRule.COLD_START_FREQUENCY), Set.of());
    List<CostAlert> alerts = List.of(
        withFigures(firing("a", "ep-1", AlertRule.COLD_START_FREQUENCY, 30), 11, 10),
        withFigures(resolved("a", "ep-1", AlertRule.COLD_START_FREQUENCY, 100), 4, 10));

    AlertNoise.Summary noise = AlertNoise.of(alerts, List.of(window), SLACK, id -> UTC, 1, 1);

    assertThat(noise.repeatedPages()).isEmpty();
    assertThat(noise.flaps()).isEmpty();
    assertThat(noise.repeatedInfo()).isEmpty();
    assertThat(noise.violations()).isEmpty();
    assertThat(noise.repeatedFiring()).isZero();
    assertThat(noise.table()).contains("| DEATH_SPIRAL     | COLD_START_FREQUENCY    | expected |       1 |"
        + "           1 |         1 |", "flaps (FIRING < 15 min after a RESOLVED of the same endpoint and rule): 0",
        "FIRING per endpoint-day: 1 / (1 endpoints x 1 days) = 1.00");
  }

  private static CostAlert firing(String id, String endpoint, AlertRule rule, int minute) {
    return CostAlert.newBuilder()
        .setAlertId(id)
        .setEndpointId(endpoint)
        .setRule(rule)
        .setSeverity(Severity.WARNING)
        .setStatus(AlertStatus.FIRING)
        .setWindowStart(T0.plusSeconds(60L * minute))
        .setWindowEnd(T0.plusSeconds(60L * minute))
        .setObserved(2.0)
        .setThreshold(1.0)
        .setBaseline(null)
        .setUnit("USD")
        .setMessage(endpoint + " " + rule)
        .setDetectedAt(T0.plusSeconds(60L * minute))
        .build();
  }

  private static CostAlert resolved(String id, String endpoint, AlertRule rule, int minute) {
    return CostAlert.newBuilder(firing(id, endpoint, rule, minute)).setStatus(AlertStatus.RESOLVED).build();
  }

  private static CostAlert info(String id, String endpoint, AlertRule rule, String at) {
    Instant t = Instant.parse(at);
    return CostAlert.newBuilder(firing(id, endpoint, rule, 0)).setSeverity(Severity.INFO).setDetectedAt(t)
        .setWindowStart(t).setWindowEnd(t).build();
  }

  private static CostAlert withFigures(CostAlert alert, double observed, double threshold) {
    return CostAlert.newBuilder(alert).setObserved(observed).setThreshold(threshold).build();
  }
}
