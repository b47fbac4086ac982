package io.burnrate.engine;

import static io.burnrate.engine.Fixtures.at;
import static io.burnrate.engine.Fixtures.endpoint;
import static io.burnrate.engine.Fixtures.failed;
import static io.burnrate.engine.Fixtures.instantBill;
import static io.burnrate.engine.Fixtures.ready;
import static io.burnrate.engine.Fixtures.request;
import static io.burnrate.engine.Fixtures.scaleDown;
import static io.burnrate.engine.Fixtures.scaleUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.meter.SliceStats;
import org.junit.jupiter.api.Test;

/** Metered spend: each replica costs its hourly price from SCALE_UP to SCALE_DOWN or FAILED. */
class MeteringTest {
  private static final long H10 = at("2025-06-02T10:00:00Z");
  private static final long H11 = at("2025-06-02T11:00:00Z");
  private static final long H12 = at("2025-06-02T12:00:00Z");
  private static final long H13 = at("2025-06-02T13:00:00Z");
  private static final long MIN = Fixtures.MINUTE;

  @Test
  void replicaOverAnHourBoundaryIsSplitBetweenTheTwoHoursToTheMicroDollar() {
    EngineRun run = new EngineRun(endpoint().price(0.75).build());

    run.replica(scaleUp("r1", H10 + 40 * MIN));
    run.replica(scaleDown("r1", H11 + 25 * MIN));
    run.tick(H12 + 30 * MIN);

    assertThat(run.meteredCompute(H10)).isEqualTo(250_000); // 20 minutes of $0.75/h
    assertThat(run.meteredCompute(H11)).isEqualTo(312_500); // 25 minutes
    assertThat(run.meteredCompute(H12)).isZero();
    assertThat(run.daySpend("2025-06-02")).isEqualTo(562_500);
  }

  @Test
  void meteredCostOfAReplicaHourDoesNotDependOnHowOftenTimeAdvances() {
    // $0.032/h is 533.33... micro-dollars a minute: a meter that rounds each step loses the remainder.
    EngineRun oneStep = new EngineRun(endpoint().price(0.032).build());
    oneStep.replica(scaleUp("r1", H10));
    oneStep.tick(H11);

    EngineRun minuteSteps = new EngineRun(endpoint().price(0.032).build());
    minuteSteps.replica(scaleUp("r1", H10));
    minuteSteps.ticksEveryMinute(H10, H11);

    assertThat(oneStep.meteredCompute(H10)).isEqualTo(32_000);
    assertThat(minuteSteps.meteredCompute(H10)).as("one replica-hour metered in minute steps").isEqualTo(32_000);
  }

  @Test
  void coldStartAddsTheModelTransferCostAtTheScaleUpInstant() {
    EngineRun run = new EngineRun(endpoint().build());

    run.replica(scaleUp("r1", H10 + 59 * MIN + 30_000).coldStart().modelSizeGb(13.0));
    run.tick(H11 + 30 * MIN);

    assertThat(run.meteredTransfer(H10)).isEqualTo(1_170_000); // 13 GB x $0.09
    assertThat(run.meteredTransfer(H11)).isZero();
    assertThat(run.hour(H10).coldStarts).isEqualTo(1);
    assertThat(run.meteredCompute(H10)).isEqualTo(10_000); // 30 s of $1.20/h
    assertThat(run.meteredCompute(H11)).isEqualTo(600_000);
  }

  @Test
  void coldStartWithoutAModelSizeOnTheEventUsesTheEndpointsModelSize() {
    EngineRun run = new EngineRun(endpoint().modelSizeGb(26.0).build());

    run.replica(scaleUp("r1", H10).coldStart());

    assertThat(run.meteredTransfer(H10)).isEqualTo(2_340_000); // 26 GB x $0.09, the guide's $2.34
  }

  @Test
  void warmScaleUpHasNoTransferCost() {
    EngineRun run = new EngineRun(endpoint().build());

    run.replica(scaleUp("r1", H10));

    assertThat(run.meteredTransfer(H10)).isZero();
    assertThat(run.hour(H10).coldStarts).isZero();
  }

  @Test
  void failedStopsAccrual() {
    EngineRun run = new EngineRun(endpoint().build());

    run.replica(scaleUp("r1", H10));
    run.replica(failed("r1", H10 + 15 * MIN));
    run.tick(H12);

    assertThat(run.meteredCompute(H10)).isEqualTo(300_000);
    assertThat(run.meteredCompute(H11)).isZero();
  }

  @Test
  void scaleDownStopsAccrual() {
    EngineRun run = new EngineRun(endpoint().build());

    run.replica(scaleUp("r1", H10));
    run.replica(scaleDown("r1", H10 + 45 * MIN));
    run.tick(H12);

    assertThat(run.meteredCompute(H10)).isEqualTo(900_000);
    assertThat(run.meteredCompute(H11)).isZero();
    assertThat(run.hour(H10).scaleEvents).isEqualTo(2);
  }

  @Test
  void replicaStillRunningAtTheEndOfInputKeepsAccruingOnTicks() {
    EngineRun run = new EngineRun(endpoint().build());

    run.replica(scaleUp("r1", H10));
    run.ticksEveryMinute(H10, H13 + 30 * MIN);

    assertThat(run.meteredCompute(H10)).isEqualTo(1_200_000);
    assertThat(run.meteredCompute(H11)).isEqualTo(1_200_000);
    assertThat(run.meteredCompute(H12)).isEqualTo(1_200_000);
    assertThat(run.meteredCompute(H13)).isEqualTo(600_000);
    assertThat(run.daySpend("2025-06-02")).isEqualTo(4_200_000);
  }

  @Test
  void scaleDownArrivingAfterMeteringMovedPastItTakesBackTheOverAccrual() {
    EngineRun run = new EngineRun(endpoint().build());
    run.replica(scaleUp("r1", H10));
    run.tick(H10 + 10 * MIN);
    assertThat(run.meteredCompute(H10)).isEqualTo(200_000);

    run.replica(scaleDown("r1", H10 + 6 * MIN)); // four minutes late, within the grace

    assertThat(run.meteredCompute(H10)).isEqualTo(120_000);
    run.tick(H11 + 10 * MIN);
    assertThat(run.meteredCompute(H10)).isEqualTo(120_000);
    assertThat(run.daySpend("2025-06-02")).isEqualTo(120_000);
  }

  @Test
  void lateScaleUpWithinGraceAddsTheTimeMeteringAlreadyPassed() {
    EngineRun run = new EngineRun(endpoint().build());
    run.request(request(H10 + 10 * MIN)); // the endpoint's clock is at 10:10

    run.replica(scaleUp("r1", H10 + 7 * MIN));
    assertThat(run.meteredCompute(H10)).isEqualTo(60_000);

    run.tick(H10 + 30 * MIN);
    assertThat(run.meteredCompute(H10)).isEqualTo(460_000); // 10:07 to 10:30
  }

  @Test
  void scaleDownArrivingBeforeItsOwnScaleUpLeavesNoReplicaRunning() {
    // Out of order within the grace: the SCALE_DOWN (10:06) is read before the SCALE_UP (10:02).
    EngineRun run = new EngineRun(endpoint().build());
    run.replica(scaleDown("r1", H10 + 6 * MIN));
    run.replica(scaleUp("r1", H10 + 2 * MIN));

    run.tick(H11);

    assertThat(run.meteredCompute(H10)).as("r1 ran 10:02 to 10:06 only").isEqualTo(80_000);
    assertThat(run.state.replicas).isEmpty();
  }

  @Test
  void repeatedScaleUpOfARunningReplicaChangesNothing() {
    EngineRun run = new EngineRun(endpoint().build());

    run.replica(scaleUp("r1", H10).coldStart());
    run.replica(scaleUp("r1", H10).coldStart());
    run.tick(H11);

    assertThat(run.meteredCompute(H10)).isEqualTo(1_200_000);
    assertThat(run.meteredTransfer(H10)).isEqualTo(2_340_000);
    assertThat(run.hour(H10).coldStarts).isEqualTo(1);
  }

  @Test
  void missingHourlyPriceFallsBackToThePriceTableTimesTheRegionMultiplier() {
    EngineRun run = new EngineRun(endpoint().price(null).build());

    run.replica(scaleUp("r1", H10).instance("nvidia-l4", "eu-west-1"));
    run.replica(scaleUp("r2", H10).instance("nvidia-t4", "ap-southeast-1").after(2));
    run.tick(H11);

    // L4 $1.20 x 1.25 (EU) = $1.50; T4 $0.50 x 1.4 (APAC) = $0.70
    assertThat(run.meteredCompute(H10)).isEqualTo(1_500_000 + 700_000);
  }

  @Test
  void endpointHourlyPriceWinsOverThePriceTable() {
    EngineRun run = new EngineRun(endpoint().price(2.0).build());

    run.replica(scaleUp("r1", H10).instance("nvidia-l4", "eu-west-1"));
    run.tick(H11);

    assertThat(run.meteredCompute(H10)).isEqualTo(2_000_000);
  }

  @Test
  void unknownInstanceTypeIsNotMeteredAndItsSpendIsBilledOnly() {
    EngineRun run = new EngineRun(endpoint().price(null).build());

    run.replica(scaleUp("r1", H10).instance("tpu-v5e", "us-east-1"));
    run.tick(H11);
    assertThat(run.meteredCompute(H10)).isZero();
    assertThat(run.daySpend("2025-06-02")).isZero();

    run.bill(instantBill("li-1", H10 + 30 * MIN, 2.0));
    assertThat(run.visible(H10)).isEqualTo(2_000_000);
    assertThat(run.daySpend("2025-06-02")).isEqualTo(2_000_000);
  }

  @Test
  void readyReplicaTimeRunsFromReadyToScaleDown() {
    EngineRun run = new EngineRun(endpoint().build());

    run.replica(scaleUp("r1", H10));
    run.replica(ready("r1", H10 + 10 * MIN));
    run.replica(scaleDown("r1", H10 + 40 * MIN));
    run.tick(H11 + 10 * MIN);

    SliceStats hour = run.hour(H10);
    assertThat(hour.readyReplicaMs).isEqualTo(30 * MIN);
    assertThat(hour.meteredMicros()).isEqualTo(800_000);
  }
}
