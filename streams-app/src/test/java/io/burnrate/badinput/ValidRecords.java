package io.burnrate.badinput;

import io.burnrate.schema.BillingCategory;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.Criticality;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ReplicaEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** One valid record of each input type, with fresh ids, for a given endpoint and instant. */
final class ValidRecords {
  private final AtomicLong sequence = new AtomicLong();

  InferenceRequest request(String endpoint, Instant at) {
    return InferenceRequest.newBuilder()
        .setRequestId("req-" + sequence.incrementAndGet())
        .setEndpointId(endpoint)
        .setTimestamp(at)
        .setRegion("us-east-1")
        .setInstanceType("nvidia-l4")
        .setReplicaId("r-1")
        .setLatencyMs(120.0)
        .setStatusCode(200)
        .setColdStart(false)
        .setInputTokens(300)
        .setOutputTokens(120)
        .setQueueDepth(2)
        .build();
  }

  ReplicaEvent replica(String endpoint, Instant at) {
    return ReplicaEvent.newBuilder()
        .setEventId("evt-" + sequence.incrementAndGet())
        .setEndpointId(endpoint)
        .setTimestamp(at)
        .setReplicaId("r-1")
        .setType(ReplicaEventType.SCALE_UP)
        .setColdStart(true)
        .setReplicasAfter(1)
        .setInstanceType("nvidia-l4")
        .setRegion("us-east-1")
        .setModelSizeGb(26.0)
        .setStartupMs(45_000L)
        .build();
  }

  /** A bill for the hour that ends at {@code end}. */
  BillingEvent bill(String endpoint, Instant end) {
    return BillingEvent.newBuilder()
        .setLineItemId("li-" + sequence.incrementAndGet())
        .setEndpointId(endpoint)
        .setUsageStart(end.minus(Duration.ofHours(1)))
        .setUsageEnd(end)
        .setCategory(BillingCategory.COMPUTE)
        .setInstanceType("nvidia-l4")
        .setRegion("us-east-1")
        .setQuantity(1.0)
        .setUnit("instance-hour")
        .setCostUsd(1.25)
        .build();
  }

  EndpointConfig config(String endpoint) {
    return EndpointConfig.newBuilder()
        .setEndpointId(endpoint)
        .setOwner("team-" + endpoint)
        .setCriticality(Criticality.NON_CRITICAL)
        .setDailyBudgetUsd(240.0)
        .setHourlyPriceUsd(1.0)
        .setMinReplicas(0)
        .setMaxReplicas(10)
        .setExpectedMaxReplicas(4)
        .setInstanceType("nvidia-l4")
        .setRegion("us-east-1")
        .setModelSizeGb(26.0)
        .setFallbackEndpointId("fallback-" + endpoint)
        .setTimezone("UTC")
        .setAllowEmergencyShutdown(false)
        .setThresholds(Map.of("COLD_START_FREQUENCY", 20.0))
        .build();
  }
}
