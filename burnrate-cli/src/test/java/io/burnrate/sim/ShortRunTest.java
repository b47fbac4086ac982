package io.burnrate.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The default mix in runs shorter than a day: windows shrink to whole hours, and the ground truth says what can show. */
class ShortRunTest {

  @Test
  void sixHoursPlaceEveryScenarioOnWholeHoursWithAtLeastOneHour() {
    SimulationPlan plan = SimulationPlan.builder().duration(Duration.ofHours(6)).build();
    assertThat(plan.scenarios()).hasSize(6).allSatisfy(window -> {
      assertThat(window.startMs() % 3_600_000).isZero();
      assertThat(window.endMs() - window.startMs()).isGreaterThanOrEqualTo(3_600_000);
      assertThat(window.end()).isBeforeOrEqualTo(plan.end());
    });
    for (GroundTruth truth : new Simulator(plan).groundTruth()) {
      if (truth.scenario() != Scenario.BUDGET_OVERRUN) {
        assertThat(truth.expectedRules()).as(truth.scenario().name()).isEqualTo(truth.scenario().expectedRules());
      }
    }
  }

  @Test
  void sixHoursStillShowEverySignature() {
    SimulationPlan plan = SimulationPlan.builder().duration(Duration.ofHours(6)).only(2, 4, 5, 7, 9, 10).build();
    Simulator simulator = new Simulator(plan);
    FleetStats stats = FleetStats.of(plan, simulator.events());
    for (GroundTruth truth : simulator.groundTruth()) {
      FleetStats.EndpointStats e = stats.endpoint(truth.endpointId());
      long from = truth.start().toEpochMilli();
      long to = truth.end().toEpochMilli();
      switch (truth.scenario()) {
        case DEATH_SPIRAL -> assertThat(e.maxColdStarts(60, from, to)).isGreaterThan(10);
        case RUNAWAY_SCALING -> assertThat(e.maxReplicasAfter(from, to)).isGreaterThan(e.config.getExpectedMaxReplicas());
        case TRAFFIC_SURGE -> assertThat(e.requestsInHour(from)).isGreaterThan(5 * e.requestsInHour(from - 3_600_000));
        case OVER_PROVISIONED -> assertThat(e.hourlyUtilization(from, to).values()).isNotEmpty()
            .allSatisfy(u -> assertThat(u).isLessThan(0.10));
        case PRICIER_REGION -> assertThat(e.config.getRegion()).isEqualTo("ap-southeast-1");
        case BUDGET_OVERRUN -> assertThat(e.maxSpend(60)).isGreaterThan(e.budget() / 24);
      }
    }
  }

  @Test
  void aWindowTooShortForItsSignatureExpectsNothingButAllowsIt() {
    Instant start = SimulationPlan.DEFAULT_START;
    SimulationPlan plan = SimulationPlan.builder()
        .scenario(Scenario.TRAFFIC_SURGE, 7, start.plus(Duration.ofHours(15)), Duration.ofMinutes(20))
        .scenario(Scenario.OVER_PROVISIONED, 10, start.plus(Duration.ofMinutes(90)), Duration.ofMinutes(80))
        .scenario(Scenario.DEATH_SPIRAL, 5, start.plus(Duration.ofHours(9)), Duration.ofHours(1))
        .build();

    for (GroundTruth truth : new Simulator(plan).groundTruth()) {
      if (truth.scenario() == Scenario.DEATH_SPIRAL) {
        assertThat(truth.expectedRules()).containsExactlyElementsOf(Scenario.DEATH_SPIRAL.expectedRules());
      } else {
        assertThat(truth.expectedRules()).as(truth.scenario().name()).isEmpty();
        assertThat(truth.possibleRules()).containsAll(truth.scenario().expectedRules());
      }
    }
  }
}
