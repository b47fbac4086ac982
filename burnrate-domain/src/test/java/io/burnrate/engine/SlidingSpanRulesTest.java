package io.burnrate.engine;

import static io.burnrate.engine.Fixtures.at;
import static io.burnrate.engine.Fixtures.endpoint;
import static io.burnrate.engine.Fixtures.instantBill;
import static io.burnrate.engine.Fixtures.scaleUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.ScalingAction;
import io.burnrate.schema.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Rules over any 60 minutes: HOURLY_SPEND_RATE and COLD_START_FREQUENCY. */
class SlidingSpanRulesTest {
  private static final long H10 = at("2025-06-02T10:00:00Z");
  private static final long H11 = at("2025-06-02T11:00:00Z");
  private static final long MIN = Fixtures.MINUTE;

  @Nested
  class HourlySpendRate {
    /** A $24 daily budget: the hourly rate is $1.00. */
    private final EngineRun run = new EngineRun(endpoint().budget(24.0).build());

    @Test
    void firesOnlyAboveTheHourlyRateOfTheBudget() {
      run.bill(instantBill("li-1", H10 + 30 * MIN, 0.99));
      assertThat(run.alerts(AlertRule.HOURLY_SPEND_RATE)).as("below").isEmpty();
      run.bill(instantBill("li-2", H10 + 31 * MIN, 0.01));
      assertThat(run.alerts(AlertRule.HOURLY_SPEND_RATE)).as("exactly at").isEmpty();

      run.bill(instantBill("li-3", H10 + 32 * MIN, 0.000001));

      assertThat(run.alerts(AlertRule.HOURLY_SPEND_RATE)).singleElement().satisfies(alert -> {
        assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(alert.getObserved()).isEqualTo(1.000001);
        assertThat(alert.getThreshold()).isEqualTo(1.0);
        assertThat(alert.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(H10 + 32 * MIN));
      });
      assertThat(run.commands).isEmpty();
    }

    @Test
    void burstStraddlingAClockHourIsNotSplitAndResolvesWithTheSameId() {
      run.bill(instantBill("li-1", H10 + 50 * MIN, 0.60));
      Outcome crossing = run.bill(instantBill("li-2", H11 + 10 * MIN, 0.60));
      assertThat(EngineRun.alerts(crossing, AlertRule.HOURLY_SPEND_RATE)).hasSize(1);

      run.ticksEveryMinute(H11 + 10 * MIN, H11 + 49 * MIN);
      assertThat(run.alerts(AlertRule.HOURLY_SPEND_RATE)).as("no repeat while breached").hasSize(1);

      // The span is the minute buckets of the last 60 minutes, the boundary bucket included (never less
      // than a full hour): the 10:50 bucket leaves it once the clock is past 11:50. The episode resolves
      // after the spend has stayed 10 % under the line for the 15-minute clear time.
      run.ticksEveryMinute(H11 + 50 * MIN, H11 + (60 + 5) * MIN);
      assertThat(run.alerts(AlertRule.HOURLY_SPEND_RATE)).as("still clearing").hasSize(1);
      run.tick(H11 + (60 + 6) * MIN);

      List<CostAlert> alerts = run.alerts(AlertRule.HOURLY_SPEND_RATE);
      assertThat(alerts).extracting(CostAlert::getStatus).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
      assertThat(alerts.get(1).getAlertId()).isEqualTo(alerts.get(0).getAlertId());
      assertThat(alerts.get(1).getDetectedAt()).isEqualTo(Instant.ofEpochMilli(H11 + (60 + 6) * MIN));
      assertThat(alerts.get(1).getObserved()).isEqualTo(0.60);
    }

    @Test
    void aLateBillForAnEarlierMinuteCountsAtOnceWithinTheSameMinute() {
      run.bill(instantBill("li-1", H10 + 30 * MIN, 0.99));
      run.tick(H10 + 40 * MIN + 10_000);
      assertThat(run.alerts(AlertRule.HOURLY_SPEND_RATE)).isEmpty();

      // At 10:40:10 still: the span's earlier minutes were summed at the tick, and a bill changes one.
      Outcome late = run.bill(instantBill("li-2", H10 + 35 * MIN, 0.02));

      assertThat(EngineRun.alerts(late, AlertRule.HOURLY_SPEND_RATE)).singleElement().satisfies(alert -> {
        assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.getObserved()).isEqualTo(1.01);
        assertThat(alert.getDetectedAt()).isEqualTo(Instant.ofEpochMilli(H10 + 40 * MIN + 10_000));
      });
    }

    @Test
    void aCorrectionTakingBackAnEarlierMinutesBillStartsTheClearTimeWithinTheSameMinute() {
      run.bill(instantBill("li-1", H10 + 30 * MIN, 1.50));
      run.tick(H10 + 40 * MIN + 10_000);
      assertThat(run.alerts(AlertRule.HOURLY_SPEND_RATE)).singleElement()
          .extracting(CostAlert::getStatus).isEqualTo(AlertStatus.FIRING);

      Outcome corrected = run.correct(instantBill("li-1", H10 + 30 * MIN, 1.50),
          instantBill("li-1", H10 + 30 * MIN, 0.50));
      assertThat(EngineRun.alerts(corrected, AlertRule.HOURLY_SPEND_RATE)).as("clearing, not yet resolved").isEmpty();

      Outcome resolved = run.tick(H10 + 55 * MIN + 10_000);

      assertThat(EngineRun.alerts(resolved, AlertRule.HOURLY_SPEND_RATE)).singleElement().satisfies(alert -> {
        assertThat(alert.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(alert.getObserved()).isEqualTo(0.50);
      });
    }

    @Test
    void steadySpendJustAboveTheHourlyRateFires() {
      // $1.01 every 60 minutes against a $1.00 line, time advancing in one-minute ticks.
      EngineRun steady = new EngineRun(endpoint().budget(24.0).price(1.01).build());

      steady.replica(scaleUp("r1", H10));
      steady.ticksEveryMinute(H10, H10 + 3 * Fixtures.HOUR);

      assertThat(steady.alerts(AlertRule.HOURLY_SPEND_RATE)).as("$1.01 spent in each 60 minutes after 11:00")
          .isNotEmpty();
    }
  }

  @Nested
  class ColdStartFrequency {
    private EngineRun runFor(Fixtures.EndpointBuilder endpoint) {
      return new EngineRun(endpoint.budget(100_000).expectedMaxReplicas(100).build());
    }

    private void coldStarts(EngineRun run, long from, int count) {
      for (int i = 0; i < count; i++) {
        run.replica(scaleUp("r" + from + "-" + i, from + i * MIN).coldStart().after(run.state.replicaCount + 1));
      }
    }

    @Test
    void firesOnlyAboveTenColdStartsInSixtyMinutes() {
      EngineRun run = runFor(endpoint());

      coldStarts(run, H10, 10);
      assertThat(run.alerts(AlertRule.COLD_START_FREQUENCY)).as("exactly ten").isEmpty();
      coldStarts(run, H10 + 30 * MIN, 1);

      assertThat(run.alerts(AlertRule.COLD_START_FREQUENCY)).singleElement().satisfies(alert -> {
        assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.getObserved()).isEqualTo(11.0);
        assertThat(alert.getThreshold()).isEqualTo(10.0);
        assertThat(alert.getUnit()).isEqualTo("cold starts/hour");
      });
    }

    @Test
    void burstStraddlingAClockHourFiresOnceAndResolvesWithTheSameId() {
      EngineRun run = runFor(endpoint());

      coldStarts(run, H10 + 55 * MIN, 11); // 10:55 .. 11:05
      assertThat(run.alerts(AlertRule.COLD_START_FREQUENCY)).hasSize(1);
      run.ticksEveryMinute(H11 + 5 * MIN, H11 + 54 * MIN);
      assertThat(run.alerts(AlertRule.COLD_START_FREQUENCY)).as("no repeat while breached").hasSize(1);

      // The boundary bucket is included (never less than a full hour): 10:55 leaves once past 11:55,
      // 10 is at the line, not 10 % under it: 9 at 11:57 starts the 15-minute clear time.
      run.ticksEveryMinute(H11 + 56 * MIN, H11 + (60 + 11) * MIN);
      assertThat(run.alerts(AlertRule.COLD_START_FREQUENCY)).as("still clearing").hasSize(1);
      run.tick(H11 + (60 + 12) * MIN);

      List<CostAlert> alerts = run.alerts(AlertRule.COLD_START_FREQUENCY);
      assertThat(alerts).extracting(CostAlert::getStatus).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
      assertThat(alerts.get(1).getAlertId()).isEqualTo(alerts.get(0).getAlertId());
      assertThat(alerts.get(1).getObserved()).isLessThanOrEqualTo(9.0);
    }

    @Test
    void elevenColdStartsWithinFiftyNineAndAHalfMinutesFire() {
      EngineRun run = runFor(endpoint());

      run.replica(scaleUp("first", H10 + 30_000).coldStart().after(1)); // 10:00:30
      coldStarts(run, H10 + 51 * MIN, 10); // 10:51 .. 11:00

      assertThat(run.alerts(AlertRule.COLD_START_FREQUENCY)).as("11 cold starts between 10:00:30 and 11:00:00")
          .hasSize(1);
    }

    @Test
    void onAnEndpointScaledToZeroAsksForOneWarmReplica() {
      EngineRun run = runFor(endpoint().minReplicas(0));

      coldStarts(run, H10, 11);

      assertThat(run.commands).singleElement().satisfies(command -> {
        assertThat(command.getAction()).isEqualTo(ScalingAction.SET_MIN_REPLICAS);
        assertThat(command.getTargetReplicas()).isEqualTo(1);
        assertThat(command.getAlertId()).isEqualTo(run.alerts(AlertRule.COLD_START_FREQUENCY).get(0).getAlertId());
      });
    }

    @Test
    void onAnEndpointWithAWarmReplicaAsksForNothing() {
      EngineRun run = runFor(endpoint().minReplicas(1));

      coldStarts(run, H10, 11);

      assertThat(run.alerts(AlertRule.COLD_START_FREQUENCY)).hasSize(1);
      assertThat(run.commands).isEmpty();
    }

    @Test
    void perEndpointThresholdOverridesTheDefault() {
      EngineRun run = runFor(endpoint().threshold(AlertRule.COLD_START_FREQUENCY, 20));

      coldStarts(run, H10, 20);
      assertThat(run.alerts(AlertRule.COLD_START_FREQUENCY)).isEmpty();
      coldStarts(run, H10 + 25 * MIN, 1);
      assertThat(run.alerts(AlertRule.COLD_START_FREQUENCY)).hasSize(1);
    }
  }
}
