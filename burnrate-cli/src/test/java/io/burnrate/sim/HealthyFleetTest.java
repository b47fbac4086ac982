package io.burnrate.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A week of healthy endpoints stays below every threshold of the README's rules table (with the guards the rules
 * have: at least 100 requests for ratios), measured from the events: a CPU endpoint in Asia/Kolkata
 * (a half-hour zone), an L4 in New York, the cheapest CPU in Denver, and an 8xH100.
 */
class HealthyFleetTest {
  private static final long HOUR = 3_600_000;
  private static final SimulationPlan PLAN = SimulationPlan.builder().endpoints(12).only(0, 4, 6, 11)
      .noScenarios().duration(Duration.ofDays(7)).build();
  private static final FleetStats STATS = FleetStats.of(PLAN, new Simulator(PLAN).events());

  @Test
  void everyEndpointOfTheWeekStaysBelowEveryThreshold() {
    assertThat(STATS.endpoints()).hasSize(4);
    assertThat(STATS.inAppearanceOrder).isTrue();
    long from = PLAN.start().toEpochMilli();
    long to = PLAN.end().toEpochMilli();
    for (FleetStats.EndpointStats e : STATS.endpoints().values()) {
      String id = e.config.getEndpointId();
      double budget = e.budget();
      assertThat(e.maxColdStarts(61)).as("%s cold starts in any 60 minutes", id).isLessThan(10);
      assertThat(e.maxSpend(61)).as("%s spend in any 60 minutes", id).isLessThan(budget / 24);
      assertThat(e.daySpend().values()).as("%s spend per budget day", id)
          .allSatisfy(day -> assertThat(day).isLessThan(budget));
      assertThat(e.maxReplicasAfter()).as("%s replicas", id).isLessThanOrEqualTo(e.config.getExpectedMaxReplicas());
      assertThat(e.maxErrorRate(100)).as("%s error rate", id).isGreaterThan(0).isLessThanOrEqualTo(0.01);
      assertThat(e.maxP95WarmLatency(100)).as("%s p95 of warm latency", id).isBetween(100.0, 499.0);
      assertThat(e.hourlyUtilization(from, to)).as("%s closed hours with a replica", id).hasSizeGreaterThan(160);
      assertThat(e.hourlyUtilization(from, to).values()).as("%s utilization", id)
          .allSatisfy(u -> assertThat(u).isGreaterThanOrEqualTo(0.10));
      assertThat(e.maxDeepQueueIn5Minutes()).as("%s requests queued behind more than 10", id).isLessThan(5);
      assertThat(e.scaleUpsPerDay().values()).as("%s scale-ups per day", id)
          .allSatisfy(ups -> assertThat(ups).isLessThanOrEqualTo(50));
      for (long hour = from + 24 * HOUR; hour + HOUR <= to; hour += HOUR) {
        assertThat(e.requestsInHour(hour)).as("%s requests at %d against the same hour a day before", id, hour)
            .isLessThan(5 * e.requestsInHour(hour - 24 * HOUR));
      }
    }
  }

  @Test
  void aWorkingDaySpendsAboutHalfToTwoThirdsOfTheBudget() {
    // An endpoint whose budget is set by its busiest hour (cold starts weigh on small ones) spends less.
    for (FleetStats.EndpointStats e : STATS.endpoints().values()) {
      Map<LocalDate, Double> days = e.daySpend();
      double wednesday = days.get(LocalDate.of(2026, 11, 4));
      assertThat(wednesday / e.budget()).as(e.config.getEndpointId()).isBetween(0.4, 0.8);
    }
  }
}
