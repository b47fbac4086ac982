package io.burnrate.topology;

import io.burnrate.testing.PipelineDriver;
import static io.burnrate.testing.PipelineDriver.latestMetrics;
import static io.burnrate.testing.PipelineDriver.number;
import static io.burnrate.testing.Records.at;
import static io.burnrate.testing.Records.bill;
import static io.burnrate.testing.Records.config;
import static io.burnrate.testing.Records.replica;
import static io.burnrate.testing.Records.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ReplicaEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Duplicates, the billing drift and the metering correction, through the whole topology. */
class LiveSpendTopologyTest {

  /** The latest {@code cost.metrics.hourly} object of one endpoint-hour (reads the topic to its end). */
  private static Map<String, Object> emitted(PipelineDriver d, String endpoint, Instant hour) {
    d.advanceWallClock(Duration.ofSeconds(10));
    return PipelineDriver.latestMetrics(d.metrics.readValuesToList(), endpoint, hour);
  }

  /** One replica from midnight, and stream time moved to {@code until} by a bystander's requests. */
  private static void oneReplicaRunning(PipelineDriver d, String endpoint, Instant until) {
    d.replica(replica(endpoint, at("00:00"), "r1", ReplicaEventType.SCALE_UP, 1).build());
    for (Instant t = at("00:00"); !t.isAfter(until); t = t.plusSeconds(60)) {
      d.request(request("bystander", t).build());
    }
  }

  @Test
  void aRequestSentTwiceCountsOnce() {
    try (PipelineDriver d = new PipelineDriver()) {
      d.config(config("ep").build());
      InferenceRequest once = request("ep", at("00:10")).build();
      d.request(once);
      d.request(once);
      d.request(request("ep", at("00:11")).build());
      Map<String, Object> hour = emitted(d, "ep", at("00:00"));
      assertThat(number(hour, "requests")).isEqualTo(2.0);
      assertThat(d.counter("burnrate.records.duplicate", "topic", "inference.requests")).isEqualTo(1.0);
    }
  }

  @Test
  void aReplicaEventSentTwiceCountsOnce() {
    try (PipelineDriver d = new PipelineDriver()) {
      d.config(config("ep").build());
      d.replica(replica("ep", at("00:00"), "r1", ReplicaEventType.SCALE_UP, 1).build());
      ReplicaEvent down = replica("ep", at("00:30"), "r1", ReplicaEventType.SCALE_DOWN, 0).build();
      d.replica(down);
      d.replica(down);
      Map<String, Object> hour = emitted(d, "ep", at("00:00"));
      assertThat(number(hour, "scale_events")).isEqualTo(2.0);
      assertThat(number(hour, "metered_usd")).isEqualTo(0.5);
      assertThat(d.counter("burnrate.records.duplicate", "topic", "inference.replicas")).isEqualTo(1.0);
    }
  }

  @Test
  void theDriftRatioComparesTheBillWithTheEstimateOverClosedHours() {
    try (PipelineDriver d = new PipelineDriver()) {
      d.config(config("ep").setHourlyPriceUsd(10.0).setDailyBudgetUsd(1000.0).build());
      oneReplicaRunning(d, "ep", at("02:10"));
      Map<String, Object> before = emitted(d, "ep", at("00:00"));
      assertThat(before.get("billed_to_metered_ratio")).isNull();

      // The provider bills 20 % less than the list price: hour 00 at $8 and hour 01 at $8.
      d.bill(bill("ep", "h0", at("00:00"), at("01:00"), 8.0).build());
      d.bill(bill("ep", "h1", at("01:00"), at("02:00"), 8.0).build());
      Map<String, Object> after = emitted(d, "ep", at("01:00"));
      assertThat(number(after, "metered_usd")).isEqualTo(10.0);
      assertThat(number(after, "billed_usd")).isEqualTo(8.0);
      assertThat(number(after, "spend_usd")).as("the larger of metered and billed").isEqualTo(10.0);
      assertThat(number(after, "billed_to_metered_ratio")).isCloseTo(0.8, within(1e-9));
      assertThat(d.meters.find("burnrate.billing.drift.ratio").tag("endpoint", "ep").gauge().value())
          .isCloseTo(0.8, within(1e-9));
    }
  }

  @Test
  void aCorrectionFactorBringsTheEstimateToTheBill() {
    try (PipelineDriver d = new PipelineDriver(Map.of("burnrate.meter.correction.ep", "0.8"))) {
      d.config(config("ep").setHourlyPriceUsd(10.0).setDailyBudgetUsd(1000.0).build());
      d.config(config("other").setHourlyPriceUsd(10.0).setDailyBudgetUsd(1000.0).build());
      d.replica(replica("other", at("00:00"), "o1", ReplicaEventType.SCALE_UP, 1).build());
      oneReplicaRunning(d, "ep", at("01:10"));
      d.bill(bill("ep", "h0", at("00:00"), at("01:00"), 8.0).build());
      d.advanceWallClock(Duration.ofSeconds(10));
      List<Map<String, Object>> all = d.metrics.readValuesToList();
      Map<String, Object> corrected = latestMetrics(all, "ep", at("00:00"));
      assertThat(number(corrected, "metered_usd")).isEqualTo(8.0);
      assertThat(number(corrected, "billed_to_metered_ratio")).isCloseTo(1.0, within(1e-9));
      Map<String, Object> uncorrected = latestMetrics(all, "other", at("00:00"));
      assertThat(number(uncorrected, "metered_usd")).isEqualTo(10.0);
    }
  }
}
