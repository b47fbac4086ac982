package io.burnrate.engine;

import static io.burnrate.engine.Fixtures.at;
import static io.burnrate.engine.Fixtures.endpoint;
import static io.burnrate.engine.Fixtures.ready;
import static io.burnrate.engine.Fixtures.request;
import static io.burnrate.engine.Fixtures.scaleDown;
import static io.burnrate.engine.Fixtures.scaleUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.CostAlert;
import java.util.List;
import static io.burnrate.engine.Fixtures.HOUR;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.Severity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** ERROR_RATE, HIGH_LATENCY, QUEUE_DEPTH, LOW_UTILIZATION and AUTOSCALING_THRASH, at, below and above. */
class SeedRulesTest {
  private static final long H10 = at("2025-06-02T10:00:00Z");
  private static final long SEC = 1_000L;
  private static final long MIN = Fixtures.MINUTE;

  @Nested
  class ErrorRate {
    private final EngineRun run = new EngineRun(endpoint().build());

    /** 100 requests over 50 minutes, the first {@code errors} of them failing. */
    private void requests(int errors, int statusCode) {
      for (int i = 0; i < 100; i++) {
        run.request(request(H10 + i * 30 * SEC).status(i < errors ? statusCode : 200));
      }
    }

    @Test
    void exactlyOnePercentDoesNotFire() {
      requests(1, 500);
      assertThat(run.alerts(AlertRule.ERROR_RATE)).isEmpty();
    }

    @Test
    void aboveOnePercentFiresCriticalAndTooThrottledCountsAsAnError() {
      requests(2, 429);
      assertThat(run.alerts(AlertRule.ERROR_RATE)).singleElement().satisfies(a -> {
        assertThat(a.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(a.getObserved()).isEqualTo(0.02);
        assertThat(a.getThreshold()).isEqualTo(0.01);
        assertThat(a.getMessage()).contains("failed 2 of 100 requests");
      });
    }

    @Test
    void tooFewRequestsNeverFireAndAHealthyHourResolves() {
      for (int i = 0; i < 99; i++) {
        run.request(request(H10 + i * 30 * SEC).status(503));
      }
      assertThat(run.alerts(AlertRule.ERROR_RATE)).as("99 requests are too few to judge").isEmpty();
      run.request(request(H10 + 50 * MIN).status(503));
      assertThat(run.alerts(AlertRule.ERROR_RATE)).hasSize(1);
      for (int i = 0; i < 200; i++) {
        run.request(request(H10 + 61 * MIN + i * 15 * SEC));
      }
      assertThat(run.alerts(AlertRule.ERROR_RATE)).as("clearing for 15 minutes first").hasSize(1);
      run.ticksEveryMinute(H10 + 112 * MIN, H10 + 130 * MIN);
      assertThat(run.alerts(AlertRule.ERROR_RATE)).extracting(a -> a.getStatus())
          .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    }
  }

  @Nested
  class HighLatency {
    private final EngineRun run = new EngineRun(endpoint().build());

    private void warmRequests(int slow) {
      for (int i = 0; i < 100; i++) {
        run.request(request(H10 + i * 30 * SEC).latency(i < slow ? 900 : 120));
      }
    }

    @Test
    void fivePercentSlowerThanTheLimitKeepsTheP95AtOrBelowIt() {
      warmRequests(5);
      assertThat(run.alerts(AlertRule.HIGH_LATENCY)).isEmpty();
    }

    @Test
    void sixPercentSlowerPutsTheP95AboveTheLimit() {
      warmRequests(6);
      assertThat(run.alerts(AlertRule.HIGH_LATENCY)).singleElement().satisfies(a -> {
        assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(a.getThreshold()).isEqualTo(500.0);
        assertThat(a.getObserved()).isGreaterThan(500.0);
      });
    }

    @Test
    void coldStartsAreNotWarmLatency() {
      for (int i = 0; i < 100; i++) {
        run.request(request(H10 + i * 30 * SEC).latency(120));
      }
      for (int i = 0; i < 20; i++) {
        run.request(request(H10 + 55 * MIN + i * SEC).latency(30_000).coldStart());
      }
      assertThat(run.alerts(AlertRule.HIGH_LATENCY)).isEmpty();
    }
  }

  @Nested
  class QueueDepth {
    private final EngineRun run = new EngineRun(endpoint().build());

    @Test
    void fiveRequestsOverTheDepthWithinFiveMinutesFire() {
      for (int i = 0; i < 4; i++) {
        run.request(request(H10 + i * MIN).queueDepth(11));
      }
      run.request(request(H10 + 4 * MIN).queueDepth(10));
      assertThat(run.alerts(AlertRule.QUEUE_DEPTH)).as("four deep, one exactly at the limit").isEmpty();

      run.request(request(H10 + 4 * MIN + 30 * SEC).queueDepth(14));
      assertThat(run.alerts(AlertRule.QUEUE_DEPTH)).singleElement().satisfies(a -> {
        assertThat(a.getObserved()).isEqualTo(14.0);
        assertThat(a.getThreshold()).isEqualTo(10.0);
      });
    }

    @Test
    void spreadOutDeepQueuesDoNotAddUp() {
      for (int i = 0; i < 10; i++) {
        run.request(request(H10 + i * 3 * MIN).queueDepth(50));
      }
      assertThat(run.alerts(AlertRule.QUEUE_DEPTH)).isEmpty();
    }
  }

  @Nested
  class LowUtilization {
    private final EngineRun run = new EngineRun(endpoint().price(5.0).build());
    private static final long H3 = H10 - 7 * HOUR;

    /** One ready replica from before 06:00; 60 requests an hour of {@code latencyMs} from {@code hour}. */
    private void hours(long from, int hours, int requestsPerHour, double latencyMs) {
      if (run.alerts(AlertRule.LOW_UTILIZATION).isEmpty() && from == H3) {
        run.replica(scaleUp("r1", H3 - 10 * MIN).after(1));
        run.replica(ready("r1", H3 - 5 * MIN).after(1));
      }
      for (int h = 0; h < hours; h++) {
        for (int i = 0; i < requestsPerHour; i++) {
          run.request(request(from + h * HOUR + i * (HOUR / requestsPerHour)).latency(latencyMs));
        }
      }
      run.tick(from + hours * HOUR + 6 * MIN);
    }

    @Test
    void anEndpointIdleThroughItsBusyHoursIsAdvisedOnceWithTheIdleDollars() {
      hours(H3, 7, 60, 30_000); // 03:00-10:00 half busy
      assertThat(run.alerts(AlertRule.LOW_UTILIZATION)).isEmpty();

      hours(H10, 3, 60, 1_000); // 10:00-13:00 as many requests, 1.7 % busy: over-provisioned
      assertThat(run.alerts(AlertRule.LOW_UTILIZATION)).as("one episode over three idle hours").singleElement()
          .satisfies(a -> {
            assertThat(a.getSeverity()).isEqualTo(Severity.INFO);
            assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
            assertThat(a.getObserved()).isLessThan(a.getThreshold());
            assertThat(a.getWindowStart().toEpochMilli()).isEqualTo(H10);
            assertThat(a.getMessage()).contains("1.67 %").contains("over 1 busy hour about $4.92 of $5.00 went to idle capacity");
          });

      hours(H10 + 3 * HOUR, 1, 60, 30_000); // 13:00 busy again
      List<CostAlert> alerts = run.alerts(AlertRule.LOW_UTILIZATION);
      assertThat(alerts).extracting(CostAlert::getStatus).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
      assertThat(alerts.get(1).getAlertId()).isEqualTo(alerts.get(0).getAlertId());
      assertThat(alerts.get(1).getWindowStart().toEpochMilli()).isEqualTo(H10);
      assertThat(alerts.get(1).getWindowEnd().toEpochMilli()).isEqualTo(H10 + 3 * HOUR);
      assertThat(alerts.get(1).getMessage()).contains("3 hours from 10:00 to 13:00 UTC");
    }

    @Test
    void quietHoursBelowItsAverageTrafficAreNotAdvised() {
      hours(H3, 7, 60, 30_000);
      hours(H10, 3, 5, 1_000); // a quiet spell at its one replica: the guide's own advice, not waste

      assertThat(run.alerts(AlertRule.LOW_UTILIZATION)).isEmpty();
    }

    @Test
    void adviceIsGivenAtMostOncePerBudgetDay() {
      hours(H3, 7, 60, 30_000);
      hours(H10, 1, 60, 1_000);
      hours(H10 + HOUR, 1, 60, 30_000);
      hours(H10 + 2 * HOUR, 1, 60, 1_000); // idle again the same day: a new episode, not a new page

      assertThat(run.alerts(AlertRule.LOW_UTILIZATION)).extracting(CostAlert::getStatus)
          .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    }

    @Test
    void aCheapEndpointIsAdvisedOnceItsIdleHoursAddUpToTheSpendFloor() {
      EngineRun cheap = new EngineRun(endpoint().price(0.5).build());
      cheap.replica(scaleUp("r1", H3 - 10 * MIN).after(1));
      cheap.replica(ready("r1", H3 - 5 * MIN).after(1));
      for (long h = H3; h < H10 + 3 * HOUR; h += HOUR) {
        double latency = h < H10 ? 30_000 : 1_000;
        for (int i = 0; i < 60; i++) {
          cheap.request(request(h + i * MIN).latency(latency));
        }
      }
      cheap.ticksEveryMinute(H10 + 2 * HOUR, H10 + 2 * HOUR + 6 * MIN);
      assertThat(cheap.alerts(AlertRule.LOW_UTILIZATION)).as("two idle hours: $0.98, under the $1 floor").isEmpty();

      cheap.ticksEveryMinute(H10 + 2 * HOUR + 6 * MIN, H10 + 3 * HOUR + 6 * MIN);

      assertThat(cheap.alerts(AlertRule.LOW_UTILIZATION)).singleElement().satisfies(a -> {
        assertThat(a.getWindowStart().toEpochMilli()).isEqualTo(H10 + 2 * HOUR);
        assertThat(a.getMessage()).contains("over 3 busy hours about $1.48 of $1.50 went to idle capacity");
      });
    }

    @Test
    void aReplicaReadyForOnlyPartOfTheHourIsNotJudged() {
      run.replica(scaleUp("r1", H10 + 20 * MIN).after(1));
      run.replica(ready("r1", H10 + 25 * MIN).after(1));
      run.ticksEveryMinute(H10 + 25 * MIN, H10 + 66 * MIN);
      assertThat(run.alerts(AlertRule.LOW_UTILIZATION)).isEmpty();
    }
  }

  @Nested
  class AutoscalingThrash {
    private final EngineRun run = new EngineRun(endpoint().price(1.0).build());

    private void scaleUps(int count) {
      for (int i = 0; i < count; i++) {
        long t = H10 + i * 5 * MIN;
        run.replica(scaleUp("r" + i, t).after(1).coldStart());
        run.replica(scaleDown("r" + i, t + 2 * MIN).after(0));
      }
    }

    @Test
    void fiftyScaleUpsADayAreTheLimit() {
      scaleUps(50);
      assertThat(run.alerts(AlertRule.AUTOSCALING_THRASH)).isEmpty();
    }

    @Test
    void theFiftyFirstFiresOnceWithTheOverheadInDollarsAndResolvesWhenTheDayIsOver() {
      scaleUps(51);
      assertThat(run.alerts(AlertRule.AUTOSCALING_THRASH)).singleElement().satisfies(a -> {
        assertThat(a.getObserved()).isEqualTo(51.0);
        assertThat(a.getThreshold()).isEqualTo(50.0);
        assertThat(a.getMessage()).contains("scaled up 51 times", "$119 of model downloads", "$102-$255");
      });
      run.tick(at("2025-06-03T00:06:00Z"));
      assertThat(run.alerts(AlertRule.AUTOSCALING_THRASH)).extracting(a -> a.getStatus())
          .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    }
  }
}
