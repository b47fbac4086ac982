package io.burnrate.testing;

import io.burnrate.schema.BillingCategory;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.Criticality;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ReplicaEventType;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Readable builders for valid input records, shared by every test that needs one: each test states
 * only what differs from these defaults (an L4 endpoint in us-east-1 at $1 an hour, with a $240 budget).
 */
public final class Records {
  public static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
  private static final AtomicLong SEQ = new AtomicLong();

  private Records() {}

  public static Instant at(String hhmm) {
    return T0.plusSeconds(Integer.parseInt(hhmm.substring(0, 2)) * 3600L + Integer.parseInt(hhmm.substring(3, 5)) * 60L);
  }

  public static EndpointConfig.Builder config(String endpoint) {
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
        .setFallbackEndpointId(null)
        .setTimezone("UTC")
        .setAllowEmergencyShutdown(false)
        .setThresholds(Map.of());
  }

  public static InferenceRequest.Builder request(String endpoint, Instant at) {
    return InferenceRequest.newBuilder()
        .setRequestId("req-" + SEQ.incrementAndGet())
        .setEndpointId(endpoint)
        .setTimestamp(at)
        .setRegion("us-east-1")
        .setInstanceType("nvidia-l4")
        .setReplicaId(null)
        .setLatencyMs(120.0)
        .setStatusCode(200)
        .setColdStart(false)
        .setInputTokens(null)
        .setOutputTokens(null)
        .setQueueDepth(null);
  }

  public static ReplicaEvent.Builder replica(String endpoint, Instant at, String replicaId, ReplicaEventType type, int after) {
    return ReplicaEvent.newBuilder()
        .setEventId("evt-" + SEQ.incrementAndGet())
        .setEndpointId(endpoint)
        .setTimestamp(at)
        .setReplicaId(replicaId)
        .setType(type)
        .setColdStart(false)
        .setReplicasAfter(after)
        .setInstanceType("nvidia-l4")
        .setRegion("us-east-1")
        .setModelSizeGb(null)
        .setStartupMs(null);
  }

  public static BillingEvent.Builder bill(String endpoint, String lineItem, Instant start, Instant end, double usd) {
    return BillingEvent.newBuilder()
        .setLineItemId(lineItem)
        .setEndpointId(endpoint)
        .setUsageStart(start)
        .setUsageEnd(end)
        .setCategory(BillingCategory.COMPUTE)
        .setInstanceType("nvidia-l4")
        .setRegion("us-east-1")
        .setQuantity(1.0)
        .setUnit("instance-hour")
        .setCostUsd(usd);
  }
}
