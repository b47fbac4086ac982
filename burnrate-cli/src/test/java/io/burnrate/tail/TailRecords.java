package io.burnrate.tail;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.ScalingAction;
import io.burnrate.schema.ScalingCommand;
import io.burnrate.schema.Severity;
import java.time.Instant;

/** Output records as the pipeline writes them, for the tail's tests. */
public final class TailRecords {
  public static final Instant T = Instant.parse("2026-11-02T10:25:00Z");

  private TailRecords() {}

  public static CostAlert coldStartAlert(String endpoint) {
    return CostAlert.newBuilder()
        .setAlertId("a-" + endpoint).setEndpointId(endpoint).setRule(AlertRule.COLD_START_FREQUENCY)
        .setSeverity(Severity.WARNING).setStatus(AlertStatus.FIRING)
        .setWindowStart(T.minusSeconds(3600)).setWindowEnd(T).setObserved(11.0).setThreshold(10.0)
        .setUnit("cold starts/hour").setMessage(endpoint + " cold-started 11 replicas in 60 minutes")
        .setDetectedAt(T).setOwner("team-" + endpoint).build();
  }

  public static ScalingCommand minReplicasCommand(String endpoint) {
    return ScalingCommand.newBuilder()
        .setCommandId("c-" + endpoint).setEndpointId(endpoint).setAction(ScalingAction.SET_MIN_REPLICAS)
        .setTargetReplicas(1).setAlertId("a-" + endpoint).setReason("death spiral: keep one replica warm")
        .setIssuedAt(T).setDryRun(true).setExpiresAt(T.plusSeconds(600)).build();
  }
}
