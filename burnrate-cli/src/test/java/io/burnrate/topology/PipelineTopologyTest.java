package io.burnrate.topology;

import io.burnrate.testing.PipelineDriver;
import io.burnrate.testing.Records;
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
import io.burnrate.schema.Criticality;
import io.burnrate.schema.ReplicaEventType;
import io.burnrate.schema.ScalingAction;
import io.burnrate.schema.ScalingCommand;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineTopologyTest {

  /** Stream time moves on through a quiet bystander's requests, one a minute. */
  private static void heartbeat(PipelineDriver d, Instant from, Instant to) {
    for (Instant t = from; !t.isAfter(to); t = t.plusSeconds(60)) {
      d.request(request("bystander", t).build());
    }
  }

  @Test
  void deathSpiralFiresColdStartFrequencyOnceWithMinReplicasCommandThenResolves() {
    try (PipelineDriver d = new PipelineDriver()) {
      d.config(config("spiral").build());
      for (int i = 0; i < 11; i++) {
        Instant up = at("10:00").plusSeconds(i * 150L);
        d.replica(replica("spiral", up, "r" + i, ReplicaEventType.SCALE_UP, 1).setColdStart(true).build());
        d.replica(replica("spiral", up.plusSeconds(60), "r" + i, ReplicaEventType.SCALE_DOWN, 0).build());
      }
      List<CostAlert> alerts = d.alerts().stream()
          .filter(a -> a.getRule() == AlertRule.COLD_START_FREQUENCY).toList();
      assertThat(alerts)
          .singleElement()
          .satisfies(a -> {
            assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
            assertThat(a.getObserved()).isEqualTo(11.0);
            assertThat(a.getThreshold()).isEqualTo(10.0);
            assertThat(a.getDetectedAt()).isEqualTo(at("10:25"));
            assertThat(a.getOwner()).isEqualTo("team-spiral");
          });
      List<ScalingCommand> commands = d.commands();
      assertThat(commands).singleElement().satisfies(c -> {
        assertThat(c.getAction()).isEqualTo(ScalingAction.SET_MIN_REPLICAS);
        assertThat(c.getTargetReplicas()).isEqualTo(1);
        assertThat(c.getAlertId()).isEqualTo(alerts.get(0).getAlertId());
        assertThat(c.getDryRun()).isFalse();
        assertThat(c.getExpiresAt()).isEqualTo(c.getIssuedAt().plus(Duration.ofMinutes(10)));
      });

      heartbeat(d, at("10:30"), at("11:40"));
      assertThat(d.alerts()).filteredOn(a -> a.getRule() == AlertRule.COLD_START_FREQUENCY)
          .singleElement()
          .satisfies(a -> {
            assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(a.getAlertId()).isEqualTo(alerts.get(0).getAlertId());
          });
    }
  }

  @Test
  void exactlyTenColdStartsInAnHourDoNotFire() {
    try (PipelineDriver d = new PipelineDriver()) {
      d.config(config("edge").build());
      for (int i = 0; i < 10; i++) {
        d.replica(replica("edge", at("10:00").plusSeconds(i * 300L), "r" + i, ReplicaEventType.SCALE_UP, 1)
            .setColdStart(true).build());
      }
      assertThat(d.alerts()).noneMatch(a -> a.getRule() == AlertRule.COLD_START_FREQUENCY);
    }
  }

  @Test
  void quietReplicasCrossTheBudgetOnMeteredSpendWithinOneMeteringStep() {
    try (PipelineDriver d = new PipelineDriver()) {
      // 8 replicas x $1/h = $8/h against a $24 budget: 120 % ($28.80) is crossed at 03:36.
      d.config(config("burner").setDailyBudgetUsd(24.0).setExpectedMaxReplicas(10).build());
      for (int i = 0; i < 8; i++) {
        d.replica(replica("burner", T0, "r" + i, ReplicaEventType.SCALE_UP, i + 1).build());
      }
      heartbeat(d, T0, at("04:00"));
      CostAlert tier = d.alerts().stream().filter(a -> a.getRule() == AlertRule.DAILY_BUDGET_120)
          .findFirst().orElseThrow();
      Instant trueCrossing = at("03:36");
      assertThat(tier.getDetectedAt()).isAfter(trueCrossing.minusMillis(1))
          .isBeforeOrEqualTo(trueCrossing.plus(Duration.ofMinutes(1)));
      assertThat(tier.getMessage()).contains("metered");
      assertThat(d.commands()).singleElement()
          .satisfies(c -> assertThat(c.getAction()).isEqualTo(ScalingAction.SCALE_DOWN));

      // A bill equal to the estimate for the first hour changes nothing; a higher one raises the total.
      d.bill(bill("burner", "li-1", T0, at("01:00"), 8.0).build());
      assertThat(d.alerts()).isEmpty();
      d.bill(bill("burner", "li-2", at("01:00"), at("02:00"), 20.0).build());
      assertThat(d.alerts()).extracting(CostAlert::getRule).containsExactly(AlertRule.DAILY_BUDGET_150);
    }
  }

  @Test
  void runawayScalingCommandsOnlyNonCriticalEndpoints() {
    try (PipelineDriver d = new PipelineDriver()) {
      d.config(config("loose").build());
      d.config(config("vital").setCriticality(Criticality.CRITICAL).build());
      d.replica(replica("loose", at("09:00"), "a", ReplicaEventType.SCALE_UP, 5).build());
      d.replica(replica("vital", at("09:00"), "b", ReplicaEventType.SCALE_UP, 5).build());
      List<CostAlert> alerts = d.alerts();
      assertThat(alerts).extracting(CostAlert::getEndpointId, CostAlert::getRule)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("loose", AlertRule.RUNAWAY_SCALING),
              org.assertj.core.groups.Tuple.tuple("vital", AlertRule.RUNAWAY_SCALING));
      assertThat(d.commands()).singleElement().satisfies(c -> {
        assertThat(c.getEndpointId()).isEqualTo("loose");
        assertThat(c.getTargetReplicas()).isEqualTo(4);
      });
      d.replica(replica("loose", at("09:05"), "a", ReplicaEventType.SCALE_DOWN, 3).build());
      assertThat(d.alerts()).as("clearing: 3 is 10 % under the maximum of 4, for 15 minutes").isEmpty();
      d.request(request("loose", at("09:20")).build());
      assertThat(d.alerts()).singleElement().satisfies(a -> {
        assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(a.getAlertId()).isEqualTo(alerts.get(0).getAlertId());
      });
    }
  }

  @Test
  void badRecordsGoToTheDeadLetterTopicByteForByteWithTheReason() {
    try (PipelineDriver d = new PipelineDriver()) {
      byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
      d.rawRequests.pipeInput("ep".getBytes(StandardCharsets.UTF_8), garbage);
      d.request(request("ep", at("10:00")).build());
      d.requests.pipeInput("other", request("ep", at("10:01")).build());
      d.bill(bill("ep", "neg", at("09:00"), at("10:00"), -5.0).build());
      d.request(request("ep", at("09:50")).build());

      var letters = d.deadLetters();
      assertThat(letters).extracting(r -> PipelineDriver.header(r.headers(), DeadLetters.REASON))
          .containsExactly("decode", "key-mismatch", "invalid:cost_usd", "late");
      assertThat(letters.get(0).value()).isEqualTo(garbage);
      assertThat(PipelineDriver.header(letters.get(0).headers(), DeadLetters.TOPIC)).isEqualTo("inference.requests");
      assertThat(PipelineDriver.header(letters.get(0).headers(), DeadLetters.OFFSET)).isEqualTo("0");
      assertThat(d.counter("burnrate.dead.letters", "reason", "decode")).isEqualTo(1.0);
      assertThat(d.counter("burnrate.records.late", "topic", "inference.requests")).isEqualTo(1.0);
    }
  }

  @Test
  void aLineItemSentTwiceCountsOnce() {
    try (PipelineDriver d = new PipelineDriver()) {
      d.config(config("ep").setDailyBudgetUsd(100.0).build());
      d.bill(bill("ep", "li", at("01:00"), at("04:00"), 90.0).build());
      d.bill(bill("ep", "li", at("01:00"), at("04:00"), 90.0).build());
      assertThat(d.alerts()).noneMatch(a -> a.getRule().name().startsWith("DAILY_BUDGET"));
      assertThat(d.counter("burnrate.records.duplicate", "topic", "billing.events")).isEqualTo(1.0);
      d.bill(bill("ep", "li", at("01:00"), at("04:00"), 130.0).build());
      assertThat(d.alerts()).extracting(CostAlert::getRule).contains(AlertRule.DAILY_BUDGET_120)
          .doesNotContain(AlertRule.DAILY_BUDGET_150);
    }
  }

  @Test
  void theSameInputGivesByteIdenticalAlerts() {
    List<byte[]> first = runScriptedDay();
    List<byte[]> second = runScriptedDay();
    assertThat(first).isNotEmpty();
    assertThat(second).hasSameSizeAs(first);
    for (int i = 0; i < first.size(); i++) {
      assertThat(second.get(i)).isEqualTo(first.get(i));
    }
  }

  private static List<byte[]> runScriptedDay() {
    try (PipelineDriver d = new PipelineDriver()) {
      d.config(config("a").setDailyBudgetUsd(10.0).build());
      for (int i = 0; i < 6; i++) {
        d.replica(replica("a", T0.plusSeconds(i * 60L), "r" + i, ReplicaEventType.SCALE_UP, i + 1)
            .setColdStart(true).build());
      }
      heartbeat(d, T0, at("03:00"));
      var raw = d.driver.createOutputTopic("cost.alerts", new org.apache.kafka.common.serialization.StringDeserializer(),
          new org.apache.kafka.common.serialization.ByteArrayDeserializer());
      return raw.readValuesToList();
    }
  }

  @Test
  void thresholdOverridesPerEndpointApply() {
    try (PipelineDriver d = new PipelineDriver()) {
      d.config(config("tolerant").setThresholds(Map.of("COLD_START_FREQUENCY", 20.0)).build());
      for (int i = 0; i < 15; i++) {
        d.replica(replica("tolerant", at("10:00").plusSeconds(i * 60L), "r" + i, ReplicaEventType.SCALE_UP, 1)
            .setColdStart(true).build());
      }
      assertThat(d.alerts()).noneMatch(a -> a.getRule() == AlertRule.COLD_START_FREQUENCY);
    }
  }
}
