package io.burnrate.badinput;

import io.burnrate.testing.Records;
import io.burnrate.schema.BillingEvent;
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
    return Records.request(endpoint, at).setReplicaId("r-1").setInputTokens(300).setOutputTokens(120)
        .setQueueDepth(2).build();
  }

  ReplicaEvent replica(String endpoint, Instant at) {
    return Records.replica(endpoint, at, "r-1", ReplicaEventType.SCALE_UP, 1).setColdStart(true)
        .setModelSizeGb(26.0).setStartupMs(45_000L).build();
  }

  /** A bill for the hour that ends at {@code end}. */
  BillingEvent bill(String endpoint, Instant end) {
    return Records.bill(endpoint, "li-" + sequence.incrementAndGet(), end.minus(Duration.ofHours(1)), end, 1.25)
        .build();
  }

  EndpointConfig config(String endpoint) {
    return Records.config(endpoint).setFallbackEndpointId("fallback-" + endpoint)
        .setThresholds(Map.of("COLD_START_FREQUENCY", 20.0)).build();
  }
}
