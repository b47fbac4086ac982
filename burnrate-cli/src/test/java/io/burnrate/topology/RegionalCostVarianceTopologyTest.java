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
import static org.assertj.core.groups.Tuple.tuple;

import io.burnrate.rules.RegionalCostVariance;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.ReplicaEventType;
import io.burnrate.schema.Severity;
import java.time.Instant;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * REGIONAL_COST_VARIANCE through the whole topology: closed hours leave the per-endpoint processor,
 * cross the named repartition topic keyed by instance type, and are compared once settled (the
 * hour's end, the 5-minute event grace, one metering step and a 5-minute margin: 11 minutes); one
 * episode per endpoint across the hours it lasts.
 */
class RegionalCostVarianceTopologyTest {
  private static final long SETTLE_MINUTES = 11;

  /** Two endpoints of one instance type, one replica each from midnight, in two regions. */
  private static void twoRegions(PipelineDriver d, double usPrice, double euPrice) {
    d.config(config("ep-us").setRegion("us-east-1").setHourlyPriceUsd(usPrice).build());
    d.config(config("ep-eu").setRegion("eu-west-1").setHourlyPriceUsd(euPrice).build());
    for (String endpoint : List.of("ep-us", "ep-eu")) {
      String region = endpoint.equals("ep-us") ? "us-east-1" : "eu-west-1";
      d.replica(replica(endpoint, T0, endpoint + "-r1", ReplicaEventType.SCALE_UP, 1).setRegion(region).build());
      d.replica(replica(endpoint, T0, endpoint + "-r1", ReplicaEventType.READY, 1).setRegion(region).build());
    }
  }

  /** Stream time moves on through a quiet bystander's requests, one a minute. */
  private static void heartbeat(PipelineDriver d, Instant from, Instant to) {
    for (Instant t = from; !t.isAfter(to); t = t.plusSeconds(60)) {
      d.request(request("bystander", t).build());
    }
  }

  private static List<CostAlert> regional(List<CostAlert> alerts) {
    return alerts.stream().filter(a -> a.getRule() == AlertRule.REGIONAL_COST_VARIANCE).toList();
  }

  @Test
  void thePricierRegionGetsOneInfoAlertForTheHoursItLastsResolvedAtTheFirstClearHour() {
    try (PipelineDriver d = new PipelineDriver()) {
      // $2.00 in eu-west-1 is $1.60 at base rates (multiplier 1.25): 60 % above us-east-1's $1.00.
      twoRegions(d, 1.00, 2.00);
      heartbeat(d, T0, at("01:10"));
      assertThat(regional(d.alerts())).as("hour 00 settles at 01:11, once every endpoint task has passed it")
          .isEmpty();

      heartbeat(d, at("01:11"), at("03:10"));
      var keyed = d.alerts.readKeyValuesToList().stream()
          .filter(kv -> kv.value.getRule() == AlertRule.REGIONAL_COST_VARIANCE).toList();
      assertThat(keyed).extracting(kv -> kv.key).as("keyed by endpoint").containsExactly("ep-eu");
      assertThat(keyed).extracting(kv -> kv.value).singleElement().satisfies(a -> {
        assertThat(a.getEndpointId()).isEqualTo("ep-eu");
        assertThat(a.getAlertId()).isEqualTo(RegionalCostVariance.alertId("ep-eu", T0.toEpochMilli()));
        assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(a.getSeverity()).isEqualTo(Severity.INFO);
        assertThat(a.getWindowStart()).isEqualTo(T0);
        assertThat(a.getWindowEnd()).isEqualTo(at("01:00"));
        assertThat(a.getObserved()).isCloseTo(0.60, Offset.offset(1e-9));
        assertThat(a.getThreshold()).isEqualTo(0.30);
        assertThat(a.getBaseline()).isCloseTo(1.00, Offset.offset(1e-9));
        assertThat(a.getUnit()).isEqualTo("ratio");
        assertThat(a.getDetectedAt()).isEqualTo(at("01:00").plusSeconds(SETTLE_MINUTES * 60));
        assertThat(a.getOwner()).isEqualTo("team-ep-eu");
        assertThat(a.getRegion()).isEqualTo("eu-west-1");
        assertThat(a.getInstanceType()).isEqualTo("nvidia-l4");
        assertThat(a.getMessage()).contains("ep-eu paid $2.0000 per nvidia-l4 instance-hour in eu-west-1",
            "60% above us-east-1 at $1.0000");
      });

      // Hours 01 and 02 are as dear: the same episode goes on, nothing new is raised.
      heartbeat(d, at("03:11"), at("03:59"));
      assertThat(regional(d.alerts())).isEmpty();

      // At 04:00 ep-eu's replica is replaced by one at list price: hour 04 is clear, and the episode is
      // over once it has settled (compared at 05:11 event time, once the steps after it have arrived).
      d.config(config("ep-eu").setRegion("eu-west-1").setHourlyPriceUsd(1.25).build());
      d.replica(replica("ep-eu", at("04:00"), "ep-eu-r1", ReplicaEventType.SCALE_DOWN, 0).setRegion("eu-west-1").build());
      d.replica(replica("ep-eu", at("04:00"), "ep-eu-r2", ReplicaEventType.SCALE_UP, 1).setRegion("eu-west-1").build());
      d.replica(replica("ep-eu", at("04:00"), "ep-eu-r2", ReplicaEventType.READY, 1).setRegion("eu-west-1").build());
      heartbeat(d, at("04:00"), at("07:10"));
      assertThat(regional(d.alerts())).singleElement().satisfies(a -> {
        assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(a.getAlertId()).isEqualTo(RegionalCostVariance.alertId("ep-eu", T0.toEpochMilli()));
        assertThat(a.getWindowStart()).isEqualTo(T0);
        assertThat(a.getWindowEnd()).isEqualTo(at("04:00"));
        assertThat(a.getDetectedAt()).isEqualTo(at("05:00").plusSeconds(SETTLE_MINUTES * 60));
        assertThat(a.getMessage()).isEqualTo("ep-eu: the regional difference of 00:00-04:00 UTC is over"
            + " (4 hours above the line)");
      });
      assertThat(d.counter("burnrate.alerts", "rule", "REGIONAL_COST_VARIANCE", "status", "FIRING")).isEqualTo(1.0);
      assertThat(d.counter("burnrate.alerts", "rule", "REGIONAL_COST_VARIANCE", "status", "RESOLVED")).isEqualTo(1.0);
    }
  }

  @Test
  void regionsWithinThirtyPercentAtBaseRatesRaiseNothing() {
    try (PipelineDriver d = new PipelineDriver()) {
      // $1.50 in eu-west-1 is $1.20 at base rates: 20 % above us-east-1.
      twoRegions(d, 1.00, 1.50);
      heartbeat(d, T0, at("06:10"));
      assertThat(regional(d.alerts())).isEmpty();
    }
  }

  @Test
  void aBillAboveTheListPriceIsWhatTheRegionsAreComparedOn() {
    try (PipelineDriver d = new PipelineDriver()) {
      // Metered at list prices both regions cost the same at base rates; the bill says otherwise.
      twoRegions(d, 1.00, 1.25);
      heartbeat(d, T0, at("01:05"));
      d.bill(bill("ep-eu", "eu-00", T0, at("01:00"), 2.00).setRegion("eu-west-1").build());
      heartbeat(d, at("01:06"), at("01:30"));
      assertThat(regional(d.alerts())).singleElement().satisfies(a -> {
        assertThat(a.getEndpointId()).isEqualTo("ep-eu");
        assertThat(a.getWindowStart()).isEqualTo(T0);
        assertThat(a.getObserved()).isCloseTo(0.60, Offset.offset(1e-9));
        assertThat(a.getDetectedAt()).isEqualTo(at("01:11"));
      });
    }
  }

  @Test
  void aLateBillComparesAnHourAgainAndAlertsAtOnce() {
    try (PipelineDriver d = new PipelineDriver()) {
      twoRegions(d, 1.00, 1.25);
      heartbeat(d, T0, at("05:00"));
      assertThat(regional(d.alerts())).isEmpty();

      d.bill(bill("ep-eu", "eu-00", T0, at("01:00"), 2.00).setRegion("eu-west-1").build());
      assertThat(regional(d.alerts()))
          .extracting(CostAlert::getEndpointId, CostAlert::getStatus, CostAlert::getWindowStart, CostAlert::getDetectedAt)
          .containsExactly(
              tuple("ep-eu", AlertStatus.FIRING, T0, at("05:00")),
              tuple("ep-eu", AlertStatus.RESOLVED, T0, at("05:00")));
    }
  }

  @Test
  void closedHoursCrossARepartitionTopicNamedAfterTheApplication() {
    try (PipelineDriver d = new PipelineDriver()) {
      twoRegions(d, 1.00, 2.00);
      heartbeat(d, T0, at("01:10"));
      assertThat(d.driver.producedTopicNames()).contains("burnrate-regional-hours-repartition");
    }
  }
}
