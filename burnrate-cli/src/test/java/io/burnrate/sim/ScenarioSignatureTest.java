package io.burnrate.sim;

import static io.burnrate.sim.DefaultMixDay.endpoint;
import static io.burnrate.sim.DefaultMixDay.truth;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.meter.PriceTable;
import io.burnrate.schema.AlertRule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each scenario of the default mix shows its signature in the events, on its endpoint, in its window,
 * measured from the records alone; and its ground truth names the rules the scenario is meant to trip.
 */
class ScenarioSignatureTest {
  private static final long HOUR = 3_600_000;

  @Test
  void groundTruthPlacesTheDefaultMix() {
    assertThat(DefaultMixDay.SIMULATOR.groundTruth()).extracting(GroundTruth::scenario, GroundTruth::endpointIndex)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Scenario.DEATH_SPIRAL, DefaultMixDay.SPIRAL),
            org.assertj.core.groups.Tuple.tuple(Scenario.RUNAWAY_SCALING, DefaultMixDay.RUNAWAY),
            org.assertj.core.groups.Tuple.tuple(Scenario.BUDGET_OVERRUN, DefaultMixDay.OVERRUN),
            org.assertj.core.groups.Tuple.tuple(Scenario.TRAFFIC_SURGE, DefaultMixDay.SURGE),
            org.assertj.core.groups.Tuple.tuple(Scenario.OVER_PROVISIONED, DefaultMixDay.OVER_PROVISIONED),
            org.assertj.core.groups.Tuple.tuple(Scenario.PRICIER_REGION, DefaultMixDay.PRICIER));
    assertThat(truth(Scenario.DEATH_SPIRAL).start()).isEqualTo(Instant.parse("2026-11-02T09:00:00Z"));
    assertThat(truth(Scenario.DEATH_SPIRAL).end()).isEqualTo(Instant.parse("2026-11-02T12:00:00Z"));
    assertThat(truth(Scenario.DEATH_SPIRAL).expectedRules()).containsExactly(AlertRule.COLD_START_FREQUENCY);
    assertThat(truth(Scenario.RUNAWAY_SCALING).expectedRules()).containsExactly(AlertRule.RUNAWAY_SCALING);
    assertThat(truth(Scenario.BUDGET_OVERRUN).expectedRules()).containsExactly(AlertRule.HOURLY_SPEND_RATE,
        AlertRule.DAILY_BUDGET_120, AlertRule.DAILY_BUDGET_150, AlertRule.DAILY_BUDGET_200);
    assertThat(truth(Scenario.TRAFFIC_SURGE).expectedRules()).containsExactly(AlertRule.REQUEST_SURGE);
    assertThat(truth(Scenario.OVER_PROVISIONED).expectedRules()).containsExactly(AlertRule.LOW_UTILIZATION);
    assertThat(truth(Scenario.PRICIER_REGION).expectedRules()).containsExactly(AlertRule.REGIONAL_COST_VARIANCE);
    for (GroundTruth truth : DefaultMixDay.SIMULATOR.groundTruth()) {
      assertThat(truth.possibleRules()).as(truth.scenario().name()).doesNotContainAnyElementsOf(truth.expectedRules());
    }
  }

  @Test
  void deathSpiralColdStartsMoreThanTenReplicasInAnHour() {
    GroundTruth truth = truth(Scenario.DEATH_SPIRAL);
    FleetStats.EndpointStats spiral = endpoint(DefaultMixDay.SPIRAL);
    long from = truth.start().toEpochMilli();
    long to = truth.end().toEpochMilli();

    assertThat(spiral.config.getMinReplicas()).isZero();
    assertThat(spiral.maxColdStarts(60, from, to)).isGreaterThan(10);
    assertThat(spiral.maxColdStarts(60, runStart(), from)).isLessThan(10);
    assertThat(spiral.maxReplicasAfter()).isLessThanOrEqualTo(spiral.config.getExpectedMaxReplicas());
  }

  @Test
  void runawayScalingClimbsAboveTheExpectedMaximumOnlyInItsWindow() {
    GroundTruth truth = truth(Scenario.RUNAWAY_SCALING);
    FleetStats.EndpointStats runaway = endpoint(DefaultMixDay.RUNAWAY);
    int expectedMax = runaway.config.getExpectedMaxReplicas();

    assertThat(runaway.maxReplicasAfter(truth.start().toEpochMilli(), truth.end().toEpochMilli()))
        .isGreaterThan(expectedMax);
    assertThat(runaway.maxReplicasAfter(runStart(), truth.start().toEpochMilli()))
        .isLessThanOrEqualTo(expectedMax);
  }

  @Test
  void budgetOverrunSpendsMoreThanTwiceTheDailyBudget() {
    FleetStats.EndpointStats overrun = endpoint(DefaultMixDay.OVERRUN);
    double budget = overrun.budget();
    Map<LocalDate, Double> days = overrun.daySpend();

    assertThat(overrun.zone.normalized()).isEqualTo(ZoneOffset.UTC);
    assertThat(days.get(LocalDate.of(2026, 11, 2))).isGreaterThan(2 * budget);
    assertThat(overrun.maxSpend(60)).isGreaterThan(budget / 24);
    double billed = overrun.billedByHour.values().stream().flatMap(c -> c.values().stream())
        .mapToDouble(Double::doubleValue).sum();
    assertThat(billed).as("the bills say so too").isGreaterThan(2 * budget);
  }

  @Test
  void trafficSurgeIsMoreThanFiveTimesTheUsualRate() {
    GroundTruth truth = truth(Scenario.TRAFFIC_SURGE);
    FleetStats.EndpointStats surge = endpoint(DefaultMixDay.SURGE);
    long from = truth.start().toEpochMilli();

    assertThat(surge.requestsInHour(from)).isGreaterThan(5 * surge.requestsInHour(from - HOUR));
  }

  @Test
  void overProvisionedEndpointIsUnderTenPercentBusyInItsWindowOnly() {
    GroundTruth truth = truth(Scenario.OVER_PROVISIONED);
    FleetStats.EndpointStats endpoint = endpoint(DefaultMixDay.OVER_PROVISIONED);
    long from = truth.start().toEpochMilli();
    long to = truth.end().toEpochMilli();

    Map<Long, Double> inside = endpoint.hourlyUtilization(from, to);
    assertThat(inside).hasSizeGreaterThanOrEqualTo(10);
    assertThat(inside.values()).allSatisfy(u -> assertThat(u).isLessThan(0.10));
    assertThat(endpoint.hourlyUtilization(runStart(), from).values())
        .isNotEmpty().allSatisfy(u -> assertThat(u).isGreaterThanOrEqualTo(0.10));
    assertThat(endpoint.config.getInstanceType()).startsWith("nvidia-");
  }

  @Test
  void pricierRegionBillsMoreThanThirtyPercentAbovePeersAfterRegionalMultipliers() {
    FleetStats.EndpointStats pricier = endpoint(DefaultMixDay.PRICIER);
    FleetStats.EndpointStats peer = endpoint(DefaultMixDay.HEALTHY_L4);
    assertThat(pricier.config.getInstanceType()).isEqualTo(peer.config.getInstanceType());
    assertThat(pricier.config.getRegion()).isEqualTo("ap-southeast-1").isNotEqualTo(peer.config.getRegion());

    double ratio = normalizedCostPerInstanceHour(pricier) / normalizedCostPerInstanceHour(peer);
    assertThat(ratio).isGreaterThan(1.3);
  }

  @Test
  void theHealthyEndpointOfTheRunShowsNoSignature() {
    FleetStats.EndpointStats healthy = endpoint(DefaultMixDay.HEALTHY_L4);
    assertThat(healthy.maxColdStarts(61)).isLessThan(10);
    assertThat(healthy.maxReplicasAfter()).isLessThanOrEqualTo(healthy.config.getExpectedMaxReplicas());
    assertThat(healthy.maxSpend(61)).isLessThan(healthy.budget() / 24);
  }

  private static double normalizedCostPerInstanceHour(FleetStats.EndpointStats endpoint) {
    double cost = 0;
    double hours = 0;
    for (Map.Entry<Long, Map<io.burnrate.schema.BillingCategory, Double>> hour : endpoint.billedByHour.entrySet()) {
      cost += hour.getValue().getOrDefault(io.burnrate.schema.BillingCategory.COMPUTE, 0.0);
      hours += endpoint.computeHoursByHour.getOrDefault(hour.getKey(), 0.0);
    }
    return cost / hours / PriceTable.defaults().regionMultiplier(endpoint.config.getRegion());
  }

  private static long runStart() {
    return DefaultMixDay.PLAN.start().toEpochMilli();
  }
}
