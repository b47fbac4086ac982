package io.burnrate.engine;

import static io.burnrate.engine.Fixtures.at;
import static io.burnrate.engine.Fixtures.endpoint;
import static io.burnrate.engine.Fixtures.ready;
import static io.burnrate.engine.Fixtures.request;
import static io.burnrate.engine.Fixtures.scaleDown;
import static io.burnrate.engine.Fixtures.scaleUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rules against the seasonal baseline, learnt from a steady week: one replica at $10/h and two
 * requests a minute, from Monday 2025-06-02. Anomalies come on the second Tuesday.
 */
class BaselineRulesTest {
  private static final long MONDAY = at("2025-06-02T00:00:00Z");
  private static final long NEXT_TUESDAY = at("2025-06-10T00:00:00Z");
  private static final long MIN = Fixtures.MINUTE;
  private static final long HOUR = Fixtures.HOUR;

  private EngineRun run = new EngineRun(endpoint().budget(1000.0).price(10.0).build());

  /** Two requests a minute (or {@code perMinute}) and a stream-time tick, every minute of [from, to). */
  private void traffic(long from, long to, int perMinute) {
    for (long t = from; t < to; t += MIN) {
      for (int i = 0; i < perMinute; i++) {
        run.request(request(t + i * (MIN / perMinute)));
      }
      run.tick(t + MIN - 1);
    }
  }

  private void steadyUntil(long until) {
    run.replica(scaleUp("base", MONDAY).after(1));
    run.replica(ready("base", MONDAY + MIN).after(1));
    traffic(MONDAY, until, 2);
  }

  private void extraReplicas(long from, long to, int count) {
    for (int i = 0; i < count; i++) {
      run.replica(scaleUp("x" + i, from).after(2 + i));
      run.replica(ready("x" + i, from).after(2 + i));
    }
    traffic(from, to, 2);
    for (int i = 0; i < count; i++) {
      run.replica(scaleDown("x" + i, to).after(1 + count - 1 - i));
    }
  }

  @Test
  void aRequestSurgeAgainstTheUsualTrafficForThisHourIsCritical() {
    steadyUntil(NEXT_TUESDAY + 12 * HOUR);
    traffic(NEXT_TUESDAY + 12 * HOUR, NEXT_TUESDAY + 14 * HOUR, 12);

    List<CostAlert> surges = run.alerts(AlertRule.REQUEST_SURGE);
    assertThat(surges).hasSize(1).first().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
      assertThat(a.getBaseline()).isCloseTo(120.0, within(1.0));
      assertThat(a.getThreshold()).isCloseTo(600.0, within(5.0));
      assertThat(a.getObserved()).isGreaterThan(a.getThreshold());
      // 120 + 10 a minute passes 600 after 48 minutes; the noise gate wants 5 minutes more.
      assertThat(a.getDetectedAt().toEpochMilli())
          .isBetween(NEXT_TUESDAY + 12 * HOUR + 53 * MIN, NEXT_TUESDAY + 12 * HOUR + 56 * MIN);
    });
    assertThat(run.alerts(AlertRule.COST_SPIKE)).as("the replicas, and so the spend, did not change").isEmpty();
  }

  @Test
  void baselineRulesStaySilentWhileTheBaselineWarmsUp() {
    long tuesday = MONDAY + 24 * HOUR;
    steadyUntil(tuesday + 12 * HOUR);
    traffic(tuesday + 12 * HOUR, tuesday + 14 * HOUR, 12);
    extraReplicas(tuesday + 14 * HOUR, tuesday + 16 * HOUR, 5);
    assertThat(run.alerts(AlertRule.REQUEST_SURGE)).isEmpty();
    assertThat(run.alerts(AlertRule.COST_SPIKE)).isEmpty();
  }

  @Test
  void aCostSpikeFiresWithItsBaselineAndTheHourIsJudgedForCostPerRequest() {
    steadyUntil(NEXT_TUESDAY + 12 * HOUR);
    extraReplicas(NEXT_TUESDAY + 12 * HOUR, NEXT_TUESDAY + 13 * HOUR, 2);
    traffic(NEXT_TUESDAY + 13 * HOUR, NEXT_TUESDAY + 16 * HOUR, 2);

    assertThat(run.alerts(AlertRule.COST_SPIKE)).extracting(CostAlert::getStatus)
        .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    CostAlert spike = run.alerts(AlertRule.COST_SPIKE).get(0);
    assertThat(spike.getBaseline()).as("the usual spend over the 60-minute span").isCloseTo(10.0, within(0.2));
    // $30/h against $10: twice the baseline is passed after 30 minutes, the gate adds 5.
    assertThat(spike.getDetectedAt().toEpochMilli())
        .isBetween(NEXT_TUESDAY + 12 * HOUR + 35 * MIN, NEXT_TUESDAY + 12 * HOUR + 37 * MIN);

    assertThat(run.alerts(AlertRule.COST_PER_REQUEST_RISING))
        .as("one dear hour is noise: the rule wants two closed hours in a row").isEmpty();
  }

  @Test
  void costPerRequestRisingFiresOnTheSecondDearHourInARow() {
    steadyUntil(NEXT_TUESDAY + 12 * HOUR);
    extraReplicas(NEXT_TUESDAY + 12 * HOUR, NEXT_TUESDAY + 14 * HOUR, 2);
    traffic(NEXT_TUESDAY + 14 * HOUR, NEXT_TUESDAY + 16 * HOUR, 2);

    assertThat(run.alerts(AlertRule.COST_PER_REQUEST_RISING)).first().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
      assertThat(a.getWindowStart().toEpochMilli()).isEqualTo(NEXT_TUESDAY + 13 * HOUR);
      assertThat(a.getBaseline()).isCloseTo(10.0 / 120, within(0.001));
      assertThat(a.getObserved()).isCloseTo(30.0 / 120, within(0.001));
      assertThat(a.getMessage()).contains("its usual");
    });
  }

  @Test
  void costPerRequestRisingIgnoresCentsHoweverLargeTheRatio() {
    run = new EngineRun(endpoint().price(0.10).build());
    steadyUntil(NEXT_TUESDAY + 12 * HOUR);
    extraReplicas(NEXT_TUESDAY + 12 * HOUR, NEXT_TUESDAY + 15 * HOUR, 2);
    traffic(NEXT_TUESDAY + 15 * HOUR, NEXT_TUESDAY + 17 * HOUR, 2);

    assertThat(run.alerts(AlertRule.COST_PER_REQUEST_RISING))
        .as("three times the usual cost per request, but $0.20 an hour more: under the $1 spend floor").isEmpty();
  }

  @Test
  void theForecastWarnsHoursBeforeTheBudgetIsReallyCrossed() {
    // A steady week at 80 % of a $300 budget, then from 06:00 on the second Tuesday four replicas.
    run = new EngineRun(endpoint().budget(300.0).price(10.0).build());
    steadyUntil(NEXT_TUESDAY + 6 * HOUR);
    extraReplicas(NEXT_TUESDAY + 6 * HOUR, NEXT_TUESDAY + 16 * HOUR, 3);

    List<CostAlert> forecasts = run.alerts(AlertRule.BUDGET_FORECAST);
    List<CostAlert> tier = run.alerts(AlertRule.DAILY_BUDGET_120);
    assertThat(forecasts).as("one forecast, on the Tuesday only").hasSize(1);
    assertThat(tier).hasSize(1);
    CostAlert forecast = forecasts.get(0);
    assertThat(forecast.getWindowStart().toEpochMilli()).isEqualTo(NEXT_TUESDAY);
    assertThat(forecast.getThreshold()).isEqualTo(360.0);
    assertThat(forecast.getObserved()).isGreaterThan(360.0);
    assertThat(forecast.getMessage()).contains("is on course for", "passes $360");
    assertThat(tier.get(0).getDetectedAt()).isAfter(forecast.getDetectedAt().plusSeconds(4 * 3600));
  }
}
