package io.burnrate.rules;

import java.util.Objects;

/**
 * One endpoint's figures for one closed UTC hour, as the regional comparison needs them: what its
 * replicas of {@code instanceType} in {@code region} cost in compute (per category the larger of
 * metered and billed) and how long they were ready to serve, with the endpoint's own threshold.
 */
public record EndpointHour(
    String endpointId,
    long hourStart,
    String instanceType,
    String region,
    String owner,
    long computeMicros,
    long replicaMs,
    double threshold) {

  public EndpointHour {
    Objects.requireNonNull(endpointId, "endpointId of a closed hour");
    Objects.requireNonNull(instanceType, () -> "instanceType of the closed hour of " + endpointId);
    Objects.requireNonNull(region, () -> "region of the closed hour of " + endpointId);
  }

  /** Whether it has instance-hours to put a price on: ready replica time and compute spend. */
  public boolean comparable() {
    return replicaMs > 0 && computeMicros > 0;
  }
}
