package io.burnrate.topology;

import io.burnrate.testing.PipelineDriver;
import io.burnrate.testing.Records;
import static io.burnrate.testing.PipelineDriver.latestMetrics;
import static io.burnrate.testing.PipelineDriver.number;
import static io.burnrate.testing.Records.T0;
import static io.burnrate.testing.Records.at;
import static io.burnrate.testing.Records.bill;
import static io.burnrate.testing.Records.config;
import static io.burnrate.testing.Records.replica;
import static io.burnrate.testing.Records.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.ReplicaEventType;
import io.burnrate.schema.ScalingAction;
import io.burnrate.schema.ScalingCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Budget days in a local time zone, a bill over three hours, out-of-order events, cooldown, dry run. */
class PipelineLifecycleTopologyTest {

  @Test
  void theBudgetDayRunsFromLocalMidnightInTheEndpointsTimeZone() {
    try (PipelineDriver d = new PipelineDriver()) {
      d.config(config("ny").setTimezone("America/New_York").setDailyBudgetUsd(100.0).setHourlyPriceUsd(null).build());
      d.config(config("utc").setDailyBudgetUsd(100.0).setHourlyPriceUsd(null).build());
      for (String endpoint : List.of("ny", "utc")) {
        // 03:00 UTC is 22:00 in New York on the day before; 06:00 UTC is 01:00 local.
        d.bill(bill(endpoint, endpoint + "-1", at("03:00"), at("03:30"), 70.0).build());
        d.bill(bill(endpoint, endpoint + "-2", at("06:00"), at("06:30"), 70.0).build());
      }
      List<CostAlert> tiers = d.alerts().stream().filter(a -> a.getRule() == AlertRule.DAILY_BUDGET_120).toList();
      assertThat(tiers).as("$140 in one UTC day; $70 in each of two New York days")
          .extracting(CostAlert::getEndpointId).containsExactly("utc");

      d.bill(bill("ny", "ny-3", at("07:00"), at("07:30"), 60.0).build());
      assertThat(d.alerts()).filteredOn(a -> a.getRule() == AlertRule.DAILY_BUDGET_120).singleElement()
          .satisfies(a -> {
            assertThat(a.getEndpointId()).isEqualTo("ny");
            assertThat(a.getWindowStart()).as("local midnight, EST").isEqualTo(Instant.parse("2026-03-02T05:00:00Z"));
            assertThat(a.getObserved()).isEqualTo(130.0);
          });
    }
  }

  @Test
  void aLineItemOverThreeHoursIsSplitProRata() {
    try (PipelineDriver d = new PipelineDriver()) {
      d.config(config("ep").setDailyBudgetUsd(1000.0).build());
      d.bill(bill("ep", "li", at("01:00"), at("04:00"), 30.0).build());
      d.advanceWallClock(Duration.ofSeconds(10));
      List<Map<String, Object>> all = d.metrics.readValuesToList();
      for (String hour : List.of("01:00", "02:00", "03:00")) {
        assertThat(number(latestMetrics(all, "ep", at(hour)), "billed_usd")).as(hour).isEqualTo(10.0);
      }
      assertThat(number(latestMetrics(all, "ep", at("03:00")), "daily_spend_usd")).isEqualTo(30.0);
    }
  }

  @Test
  void outOfOrderEventsWithinTheGraceStillCount() {
    try (PipelineDriver d = new PipelineDriver()) {
      d.config(config("ep").setHourlyPriceUsd(6.0).build());
      d.request(request("ep", at("10:04")).build());
      d.request(request("ep", at("10:01")).build());
      // The replica's SCALE_DOWN is read before its SCALE_UP, four minutes older (the grace is five):
      // it still ran from 10:06 to 10:10, at $6/h.
      d.replica(replica("ep", at("10:10"), "r1", ReplicaEventType.SCALE_DOWN, 0).build());
      d.replica(replica("ep", at("10:06"), "r1", ReplicaEventType.SCALE_UP, 1).build());
      d.advanceWallClock(Duration.ofSeconds(10));
      Map<String, Object> hour = latestMetrics(d.metrics.readValuesToList(), "ep", at("10:00"));
      assertThat(number(hour, "requests")).isEqualTo(2.0);
      assertThat(number(hour, "metered_usd")).isEqualTo(0.4);
      assertThat(d.deadLetters()).isEmpty();
    }
  }

  @Test
  void oneRunawayIncidentIsOneAlertThroughDipsToTheMaximum() {
    try (PipelineDriver d = new PipelineDriver()) {
      d.config(config("ep").setExpectedMaxReplicas(4).build());
      runaway(d, at("10:00"), "a");
      runaway(d, at("10:05"), "b");
      runaway(d, at("10:11"), "c");
      assertThat(d.alerts()).filteredOn(a -> a.getRule() == AlertRule.RUNAWAY_SCALING)
          .as("back at the maximum of 4 is not 10 % under it").singleElement()
          .satisfies(a -> assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING));
      assertThat(d.commands()).hasSize(1);
    }
  }

  @Test
  void noSecondCommandOfTheSameActionWithinTheScaleDownDelay() {
    // Episodes that end as soon as the count is back at the maximum, set through the lifecycle keys.
    try (PipelineDriver d = new PipelineDriver(Map.of("burnrate.rule.RUNAWAY_SCALING.hysteresis", "0",
        "burnrate.rule.RUNAWAY_SCALING.clear.ms", "0"))) {
      d.config(config("ep").setExpectedMaxReplicas(4).build());
      runaway(d, at("10:00"), "a");
      runaway(d, at("10:05"), "b");
      runaway(d, at("10:11"), "c");
      List<ScalingCommand> commands = d.commands();
      assertThat(commands).extracting(c -> c.getIssuedAt())
          .as("10:05 is within ten minutes of 10:00; 10:11 is not").containsExactly(at("10:00"), at("10:11"));
      assertThat(commands).allSatisfy(c -> assertThat(c.getAction()).isEqualTo(ScalingAction.SCALE_DOWN));
      assertThat(d.alerts()).filteredOn(a -> a.getRule() == AlertRule.RUNAWAY_SCALING).hasSize(6);
    }
  }

  @Test
  void dryRunMarksEveryCommand() {
    try (PipelineDriver d = new PipelineDriver(Map.of("burnrate.dry.run", "true"))) {
      d.config(config("ep").setExpectedMaxReplicas(4).build());
      runaway(d, at("10:00"), "a");
      assertThat(d.commands()).singleElement().satisfies(c -> assertThat(c.getDryRun()).isTrue());
    }
  }

  /** Five replicas (one over the expected four) at {@code t}, back to four a minute later. */
  private static void runaway(PipelineDriver d, Instant t, String tag) {
    d.replica(replica("ep", t, tag + "-over", ReplicaEventType.SCALE_UP, 5).build());
    d.replica(replica("ep", t.plusSeconds(60), tag + "-over", ReplicaEventType.SCALE_DOWN, 4).build());
  }

  static {
    assertThat(T0).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
  }
}
