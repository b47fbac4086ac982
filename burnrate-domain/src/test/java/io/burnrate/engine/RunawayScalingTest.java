package io.burnrate.engine;

import static io.burnrate.engine.Fixtures.at;
import static io.burnrate.engine.Fixtures.endpoint;
import static io.burnrate.engine.Fixtures.scaleDown;
import static io.burnrate.engine.Fixtures.scaleUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.ScalingAction;
import io.burnrate.schema.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RUNAWAY_SCALING: replicas_after above expected_max_replicas, judged on the replica event itself. */
class RunawayScalingTest {
  private static final long H10 = at("2025-06-02T10:00:00Z");
  private static final long MIN = Fixtures.MINUTE;

  private static void scaleUpTo(EngineRun run, int replicas, long t) {
    for (int i = run.state.replicaCount + 1; i <= replicas; i++) {
      run.replica(scaleUp("r" + i, t).after(i));
    }
  }

  @Test
  void firesOnTheEventThatTakesReplicasAboveTheExpectedMaximum() {
    EngineRun run = new EngineRun(endpoint().expectedMaxReplicas(8).build());

    scaleUpTo(run, 8, H10);
    assertThat(run.alerts(AlertRule.RUNAWAY_SCALING)).as("exactly at the maximum").isEmpty();

    Outcome outcome = run.replica(scaleUp("r9", H10 + 3 * MIN).after(9));

    assertThat(EngineRun.alerts(outcome, AlertRule.RUNAWAY_SCALING)).singleElement().satisfies(alert -> {
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
      assertThat(alert.getSeverity()).isEqualTo(Severity.CRITICAL);
      assertThat(alert.getObserved()).isEqualTo(9.0);
      assertThat(alert.getThreshold()).isEqualTo(8.0);
      assertThat(alert.getUnit()).isEqualTo("replicas");
      assertThat(alert.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(H10 + 3 * MIN));
      assertThat(alert.getDetectedAt()).isEqualTo(Instant.ofEpochMilli(H10 + 3 * MIN));
    });
    assertThat(outcome.commands).singleElement().satisfies(command -> {
      assertThat(command.getAction()).isEqualTo(ScalingAction.SCALE_DOWN);
      assertThat(command.getTargetReplicas()).isEqualTo(8);
      assertThat(command.getAlertId()).isEqualTo(outcome.alerts.get(0).getAlertId());
    });
  }

  @Test
  void doesNotRepeatWhileAboveAndResolvesWithTheSameIdOnceBelowTheLineForTheClearTime() {
    EngineRun run = new EngineRun(endpoint().expectedMaxReplicas(8).build());
    scaleUpTo(run, 10, H10);

    run.replica(scaleDown("r10", H10 + 5 * MIN).after(9));
    run.replica(scaleDown("r9", H10 + 6 * MIN).after(8));
    run.replica(scaleUp("r9b", H10 + 7 * MIN).after(9));
    assertThat(run.alerts(AlertRule.RUNAWAY_SCALING)).as("back at the maximum is not over; up again is no new page")
        .hasSize(1);
    run.replica(scaleDown("r9b", H10 + 8 * MIN).after(8));
    run.replica(scaleDown("r8", H10 + 9 * MIN).after(7)); // 10 % under the line of 8
    run.ticksEveryMinute(H10 + 10 * MIN, H10 + 23 * MIN);
    assertThat(run.alerts(AlertRule.RUNAWAY_SCALING)).as("clearing for 15 minutes").hasSize(1);
    run.tick(H10 + 24 * MIN);

    List<CostAlert> alerts = run.alerts(AlertRule.RUNAWAY_SCALING);
    assertThat(alerts).extracting(CostAlert::getStatus).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    assertThat(alerts.get(1).getAlertId()).isEqualTo(alerts.get(0).getAlertId());
    assertThat(alerts.get(1).getObserved()).isEqualTo(7.0);
    assertThat(alerts.get(1).getDetectedAt()).isEqualTo(Instant.ofEpochMilli(H10 + 24 * MIN));
    assertThat(run.commands).hasSize(1);
  }

  @Test
  void aNewEpisodeAfterResolutionHasANewId() {
    EngineRun run = new EngineRun(endpoint().expectedMaxReplicas(2).build());
    scaleUpTo(run, 3, H10);
    run.replica(scaleDown("r3", H10 + MIN).after(2));
    run.replica(scaleDown("r2", H10 + 2 * MIN).after(1));
    run.ticksEveryMinute(H10 + 3 * MIN, H10 + 20 * MIN);

    run.replica(scaleUp("r3b", H10 + 30 * MIN).after(3));

    List<CostAlert> firing = run.alerts(AlertRule.RUNAWAY_SCALING).stream()
        .filter(a -> a.getStatus() == AlertStatus.FIRING).toList();
    assertThat(firing).hasSize(2);
    assertThat(firing.get(1).getAlertId()).isNotEqualTo(firing.get(0).getAlertId());
  }

  @Test
  void lateEventDescribingAnEarlierCountDoesNotResolve() {
    // Within the grace, r2's SCALE_UP (10:01, 2 replicas after it) is read after r3's (10:02, 3 after it).
    EngineRun run = new EngineRun(endpoint().expectedMaxReplicas(2).build());
    run.replica(scaleUp("r1", H10).after(1));
    run.replica(scaleUp("r3", H10 + 2 * MIN).after(3));

    run.replica(scaleUp("r2", H10 + MIN).after(2));

    assertThat(run.alerts(AlertRule.RUNAWAY_SCALING)).as("three replicas still run")
        .extracting(CostAlert::getStatus).containsExactly(AlertStatus.FIRING);
    assertThat(run.state.replicaCount).isEqualTo(3);
  }

  @Test
  void onACriticalEndpointAlertsButCommandsNothing() {
    EngineRun run = new EngineRun(endpoint().critical().expectedMaxReplicas(2).build());

    scaleUpTo(run, 3, H10);

    assertThat(run.alerts(AlertRule.RUNAWAY_SCALING)).hasSize(1);
    assertThat(run.commands).isEmpty();
  }
}
