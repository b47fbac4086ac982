package io.burnrate.engine;

import static io.burnrate.engine.Fixtures.at;
import static io.burnrate.engine.Fixtures.endpoint;
import static io.burnrate.engine.Fixtures.instantBill;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * COST_PER_REQUEST_RISING: when an hour closes (its end plus the event grace), its cost per request
 * against 1.5 x the trailing closed hours' average, with at least 100 requests in the hour.
 */
class CostPerRequestTest {
  private static final long H06 = at("2025-06-02T06:00:00Z");
  private static final long H09 = at("2025-06-02T09:00:00Z");
  private static final long H10 = at("2025-06-02T10:00:00Z");
  private static final long MIN = Fixtures.MINUTE;
  private static final long HOUR = Fixtures.HOUR;
  private static final long GRACE = 5 * MIN;

  /** The trailing closed hours are the baseline here: the seasonal one is BaselineRulesTest's. */
  private final EngineRun run = new EngineRun(
      PipelineSettings.defaults().withBaselines(BaselineSettings.defaults().withTrailingFallback(true)),
      endpoint().budget(1_000_000).build());

  /** An hour with {@code requests} requests in its first minutes and a bill of {@code usd}. */
  private void hour(long start, int requests, double usd) {
    run.requests(start, requests, 5_000);
    run.bill(instantBill("li-" + start, start + 30 * MIN, usd));
  }

  /** Three closed hours of 100 requests each at {@code usdPerHour}, then hour 09:00 with its own figures. */
  private void baselineThen(double usdPerHour, int requests, double usd) {
    for (long h = H06; h < H09; h += HOUR) {
      hour(h, 100, usdPerHour);
    }
    hour(H09, requests, usd);
  }

  @Test
  void firesAboveOneAndAHalfTimesTheTrailingAverageAndResolvesWhenTheNextHourCloses() {
    baselineThen(1.00, 100, 1.51);
    run.tick(H10 - 1);
    assertThat(run.alerts(AlertRule.COST_PER_REQUEST_RISING)).as("the hour has not closed").isEmpty();

    run.tick(H10 + GRACE);

    assertThat(run.alerts(AlertRule.COST_PER_REQUEST_RISING)).singleElement().satisfies(alert -> {
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
      assertThat(alert.getObserved()).isEqualTo(0.0151);
      assertThat(alert.getThreshold()).isEqualTo(0.015);
      assertThat(alert.getBaseline()).isEqualTo(0.01);
      assertThat(alert.getUnit()).isEqualTo("USD/request");
      assertThat(alert.getWindowStart()).isEqualTo(Instant.ofEpochMilli(H09));
      assertThat(alert.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(H10));
      assertThat(alert.getDetectedAt()).isEqualTo(Instant.ofEpochMilli(H10 + GRACE));
    });

    run.tick(H10 + HOUR + GRACE);

    List<CostAlert> alerts = run.alerts(AlertRule.COST_PER_REQUEST_RISING);
    assertThat(alerts).extracting(CostAlert::getStatus).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    assertThat(alerts.get(1).getAlertId()).isEqualTo(alerts.get(0).getAlertId());
    assertThat(run.commands).isEmpty();
  }

  @Test
  void hourClosesOnlyAfterItsEndPlusTheEventGraceSoLateRequestsStillCount() {
    baselineThen(1.00, 99, 2.00);
    run.request(Fixtures.request(H10 + 3 * MIN)); // the endpoint's clock is past 10:00
    run.request(Fixtures.request(H10 - 1)); // a request of 09:59:59.999, three minutes late

    Outcome beforeGrace = run.tick(H10 + GRACE - 1);
    assertThat(beforeGrace.closedHours).doesNotContain(H09);
    Outcome atGrace = run.tick(H10 + GRACE);

    assertThat(atGrace.closedHours).containsExactly(H09);
    assertThat(run.hour(H09).requests).isEqualTo(100);
    assertThat(EngineRun.alerts(atGrace, AlertRule.COST_PER_REQUEST_RISING)).hasSize(1);
  }

  @Test
  void exactlyOneAndAHalfTimesDoesNotFire() {
    baselineThen(1.00, 100, 1.50);
    run.tick(H10 + GRACE);
    assertThat(run.alerts(AlertRule.COST_PER_REQUEST_RISING)).isEmpty();
  }

  @Test
  void exactlyOneAndAHalfTimesDoesNotFireWhateverTheAmounts() {
    // $0.54 per 100 requests, then $0.81 per 100: exactly 1.5 x, which doubles cannot say exactly.
    baselineThen(0.54, 100, 0.81);
    run.tick(H10 + GRACE);
    assertThat(run.alerts(AlertRule.COST_PER_REQUEST_RISING)).isEmpty();
  }

  @Test
  void belowTheLineDoesNotFire() {
    baselineThen(1.00, 100, 1.49);
    run.tick(H10 + GRACE);
    assertThat(run.alerts(AlertRule.COST_PER_REQUEST_RISING)).isEmpty();
  }

  @Test
  void fewerThanOneHundredRequestsNeverFire() {
    baselineThen(1.00, 99, 5.00);
    run.tick(H10 + GRACE);
    assertThat(run.alerts(AlertRule.COST_PER_REQUEST_RISING)).isEmpty();
  }

  @Test
  void exactlyOneHundredRequestsAreEnough() {
    baselineThen(1.00, 100, 5.00);
    run.tick(H10 + GRACE);
    assertThat(run.alerts(AlertRule.COST_PER_REQUEST_RISING)).hasSize(1);
  }

  @Test
  void lateBillForAClosedHourJudgesItAgain() {
    baselineThen(1.00, 100, 1.00);
    run.tick(H10 + GRACE);
    assertThat(run.alerts(AlertRule.COST_PER_REQUEST_RISING)).isEmpty();

    run.bill(instantBill("li-late", H09 + 45 * MIN, 1.00));

    assertThat(run.alerts(AlertRule.COST_PER_REQUEST_RISING)).singleElement().satisfies(alert -> {
      assertThat(alert.getWindowStart()).isEqualTo(Instant.ofEpochMilli(H09));
      assertThat(alert.getObserved()).isEqualTo(0.02);
    });
  }

  @Test
  void consecutiveBreachingHoursAreOneEpisode() {
    baselineThen(1.00, 100, 2.00);
    hour(H10, 100, 2.00); // baseline now (3 + 2) / 400 = $0.0125, line $0.01875
    run.tick(H10 + HOUR + GRACE);

    List<CostAlert> alerts = run.alerts(AlertRule.COST_PER_REQUEST_RISING);
    assertThat(alerts).extracting(CostAlert::getStatus, a -> a.getWindowStart().toEpochMilli())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertStatus.FIRING, H09));
    assertThat(run.state.tracks.get(AlertRule.COST_PER_REQUEST_RISING).open.windowEnd())
        .as("the open episode covers 09:00 and 10:00").isEqualTo(H10 + HOUR);
  }
}
