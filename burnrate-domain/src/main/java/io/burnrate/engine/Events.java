package io.burnrate.engine;

import io.burnrate.core.Money;
import io.burnrate.meter.Category;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ReplicaEventType;

/** The engine's view of the input records, decoupled from the wire. Times are epoch ms. */
public final class Events {
  private Events() {}

  public static Request of(InferenceRequest r) {
    return new Request(r.getEndpointId(), r.getTimestamp().toEpochMilli(), r.getRegion(), r.getInstanceType(),
        r.getLatencyMs(), r.getStatusCode(), r.getColdStart(), r.getQueueDepth());
  }

  public static Replica of(ReplicaEvent e) {
    return new Replica(e.getEndpointId(), e.getTimestamp().toEpochMilli(), e.getReplicaId(), e.getType(),
        e.getColdStart(), e.getReplicasAfter(), e.getInstanceType(), e.getRegion(), e.getModelSizeGb());
  }

  public static LineItem of(BillingEvent b) {
    return new LineItem(b.getLineItemId(), b.getEndpointId(), b.getUsageStart().toEpochMilli(),
        b.getUsageEnd().toEpochMilli(), Category.of(b.getCategory()), Money.micros(b.getCostUsd()), b.getRegion(),
        b.getInstanceType());
  }

  public record Request(
      String endpointId,
      long timestamp,
      String region,
      String instanceType,
      double latencyMs,
      int statusCode,
      boolean coldStart,
      Integer queueDepth) {

    public boolean isError() {
      return statusCode >= 500 || statusCode == 429;
    }
  }

  public record Replica(
      String endpointId,
      long timestamp,
      String replicaId,
      ReplicaEventType type,
      boolean coldStart,
      int replicasAfter,
      String instanceType,
      String region,
      Double modelSizeGb) {}

  /** A billing line item with its amount in micro-dollars and its category index. */
  public record LineItem(
      String lineItemId,
      String endpointId,
      long usageStart,
      long usageEnd,
      int category,
      long costMicros,
      String region,
      String instanceType) {}
}
