package io.burnrate.engine;

import io.burnrate.schema.ReplicaEventType;

/** The engine's view of the input records, decoupled from the wire. Times are epoch ms. */
public final class Events {
  private Events() {}

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
