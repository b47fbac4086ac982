package io.burnrate.benchmarks;

import io.burnrate.core.Money;
import io.burnrate.core.Time;
import io.burnrate.engine.HourlyMetrics;
import io.burnrate.meter.Category;
import io.burnrate.meter.SliceStats;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.BillingCategory;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ReplicaEventType;
import io.burnrate.schema.ScalingAction;
import io.burnrate.schema.ScalingCommand;
import io.burnrate.schema.Severity;
import java.time.Instant;
import java.util.Map;

/** Typical records of each topic, with the optional fields a real producer sets. */
final class WireRecords {
  static final Instant T0 = Instant.parse("2025-03-03T10:15:30.123Z");
  private static final String ENDPOINT_ID = "llama-eu";

  private WireRecords() {}

  static InferenceRequest request() {
    return InferenceRequest.newBuilder()
        .setRequestId("5f0c6a3e-8d1b-4c1e-9a57-2f4d8e6b1c90")
        .setEndpointId(ENDPOINT_ID)
        .setTimestamp(T0)
        .setRegion("eu-west-1")
        .setInstanceType("nvidia-l4")
        .setReplicaId("llama-eu-7d9f8-x2k4p")
        .setLatencyMs(412.5)
        .setStatusCode(200)
        .setInputTokens(1_200)
        .setOutputTokens(345)
        .setQueueDepth(3)
        .build();
  }

  static ReplicaEvent replicaEvent() {
    return ReplicaEvent.newBuilder()
        .setEventId("b3e1f2a4-6c7d-4e8f-9a0b-1c2d3e4f5a6b")
        .setEndpointId(ENDPOINT_ID)
        .setTimestamp(T0)
        .setReplicaId("llama-eu-7d9f8-x2k4p")
        .setType(ReplicaEventType.SCALE_UP)
        .setColdStart(true)
        .setReplicasAfter(4)
        .setInstanceType("nvidia-l4")
        .setRegion("eu-west-1")
        .setModelSizeGb(14.2)
        .build();
  }

  static BillingEvent billingEvent() {
    return BillingEvent.newBuilder()
        .setLineItemId("li-2025030310-llama-eu-compute")
        .setEndpointId(ENDPOINT_ID)
        .setUsageStart(Instant.parse("2025-03-03T09:00:00Z"))
        .setUsageEnd(Instant.parse("2025-03-03T10:00:00Z"))
        .setCategory(BillingCategory.COMPUTE)
        .setInstanceType("nvidia-l4")
        .setRegion("eu-west-1")
        .setQuantity(3.0)
        .setUnit("instance-hour")
        .setCostUsd(3.6)
        .build();
  }

  static CostAlert costAlert() {
    return CostAlert.newBuilder()
        .setAlertId("6d0f3c52-1b7e-3a9d-8c4f-0e2b5a7d9c11")
        .setEndpointId(ENDPOINT_ID)
        .setRule(AlertRule.DAILY_BUDGET_150)
        .setSeverity(Severity.CRITICAL)
        .setStatus(AlertStatus.FIRING)
        .setWindowStart(Instant.parse("2025-03-03T00:00:00Z"))
        .setWindowEnd(Instant.parse("2025-03-04T00:00:00Z"))
        .setObserved(380.25)
        .setThreshold(375.0)
        .setBaseline(120.0)
        .setUnit("USD")
        .setMessage("llama-eu spent 380.25 USD today, 152% of its 250 USD budget")
        .setDetectedAt(T0)
        .setOwner("team-ml")
        .setRegion("eu-west-1")
        .setInstanceType("nvidia-l4")
        .build();
  }

  static ScalingCommand scalingCommand() {
    return ScalingCommand.newBuilder()
        .setCommandId("0a9b8c7d-6e5f-3a4b-9c2d-1e0f9a8b7c6d")
        .setEndpointId(ENDPOINT_ID)
        .setAction(ScalingAction.SCALE_DOWN)
        .setTargetReplicas(4)
        .setAlertId("6d0f3c52-1b7e-3a9d-8c4f-0e2b5a7d9c11")
        .setReason("runaway scaling: 12 replicas, expected at most 4")
        .setIssuedAt(T0)
        .setDryRun(false)
        .setExpiresAt(T0.plusSeconds(600))
        .build();
  }

  /** An endpoint-hour as {@code cost.metrics.hourly} carries it: 900 requests on three replicas, billed. */
  static Map<String, Object> hourlyMetrics() {
    long hour = Time.hourStart(T0.toEpochMilli());
    SliceStats slice = new SliceStats(hour, hour + Time.HOUR_MS);
    slice.metered[Category.COMPUTE] = Money.micros(3.6);
    slice.metered[Category.COLD_START_TRANSFER] = Money.micros(0.42);
    slice.billed[Category.COMPUTE] = Money.micros(3.55);
    slice.requests = 900;
    slice.errors = 4;
    slice.coldStarts = 1;
    slice.scaleEvents = 2;
    slice.maxReplicas = 3;
    slice.readyReplicaMs = 3 * Time.HOUR_MS;
    for (int i = 0; i < 900; i++) {
      double latencyMs = 250.0 + (i * 37 % 500);
      slice.busyMicros += Math.round(latencyMs * 1000.0);
      slice.recordWarmLatency(latencyMs);
    }
    return HourlyMetrics.of(ENDPOINT_ID, slice, Money.micros(41.3), Money.micros(250.0), 1.0, 0.986);
  }
}
