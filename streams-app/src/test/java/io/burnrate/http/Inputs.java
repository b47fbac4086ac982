package io.burnrate.http;

import io.burnrate.schema.BillingCategory;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.Criticality;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Input records with sensible defaults, so each test states only what matters to it. */
final class Inputs {
  /** A Monday, 00:00 UTC: the start of the budget day of the tests' endpoints. */
  static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");
  private static final AtomicLong SEQ = new AtomicLong();

  private Inputs() {}

  static Instant at(String hhmm) {
    return at(DAY, hhmm);
  }

  static Instant at(Instant day, String hhmm) {
    return day.plusSeconds(Integer.parseInt(hhmm.substring(0, 2)) * 3600L + Integer.parseInt(hhmm.substring(3)) * 60L);
  }

  static EndpointConfig config(String endpoint, double dailyBudgetUsd) {
    return EndpointConfig.newBuilder()
        .setEndpointId(endpoint)
        .setOwner("team-" + endpoint)
        .setCriticality(Criticality.CRITICAL)
        .setDailyBudgetUsd(dailyBudgetUsd)
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
        .setThresholds(Map.of())
        .build();
  }

  static InferenceRequest request(String endpoint, Instant at, int status) {
    return InferenceRequest.newBuilder()
        .setRequestId("req-" + SEQ.incrementAndGet())
        .setEndpointId(endpoint)
        .setTimestamp(at)
        .setRegion("us-east-1")
        .setInstanceType("nvidia-l4")
        .setReplicaId(null)
        .setLatencyMs(120.0)
        .setStatusCode(status)
        .setColdStart(false)
        .setInputTokens(null)
        .setOutputTokens(null)
        .setQueueDepth(null)
        .build();
  }

  /** A COMPUTE line item over [start, end). */
  static BillingEvent bill(String endpoint, Instant start, Instant end, double usd) {
    return BillingEvent.newBuilder()
        .setLineItemId("li-" + SEQ.incrementAndGet())
        .setEndpointId(endpoint)
        .setUsageStart(start)
        .setUsageEnd(end)
        .setCategory(BillingCategory.COMPUTE)
        .setInstanceType("nvidia-l4")
        .setRegion("us-east-1")
        .setQuantity(1.0)
        .setUnit("instance-hour")
        .setCostUsd(usd)
        .build();
  }
}
