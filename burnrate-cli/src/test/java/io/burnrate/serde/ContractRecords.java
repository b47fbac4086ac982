package io.burnrate.serde;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.BillingCategory;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.Criticality;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ReplicaEventType;
import io.burnrate.schema.ScalingAction;
import io.burnrate.schema.ScalingCommand;
import io.burnrate.schema.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One record of every contract type, with every optional field set, and with none set. */
final class ContractRecords {

  static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");

  private ContractRecords() {}

  static InferenceRequest request(boolean optionalsSet) {
    InferenceRequest.Builder b =
        InferenceRequest.newBuilder()
            .setRequestId("req-1")
            .setEndpointId("llama-eu")
            .setTimestamp(T0)
            .setRegion("eu-west-1")
            .setInstanceType("nvidia-l4")
            .setLatencyMs(412.5)
            .setStatusCode(200);
    if (optionalsSet) {
      b.setReplicaId("replica-é✓").setColdStart(true).setInputTokens(1200).setOutputTokens(345).setQueueDepth(7);
    }
    return b.build();
  }

  static ReplicaEvent replicaEvent(boolean optionalsSet) {
    ReplicaEvent.Builder b =
        ReplicaEvent.newBuilder()
            .setEventId("ev-1")
            .setEndpointId("llama-eu")
            .setTimestamp(T0)
            .setReplicaId("r-3")
            .setType(ReplicaEventType.SCALE_UP)
            .setReplicasAfter(4)
            .setInstanceType("nvidia-l4")
            .setRegion("eu-west-1");
    if (optionalsSet) {
      b.setColdStart(true).setModelSizeGb(14.2).setStartupMs(93_000L);
    }
    return b.build();
  }

  static BillingEvent billingEvent(boolean optionalsSet) {
    BillingEvent.Builder b =
        BillingEvent.newBuilder()
            .setLineItemId("li-9")
            .setEndpointId("llama-eu")
            .setUsageStart(T0)
            .setUsageEnd(T0.plusSeconds(3600))
            .setCategory(BillingCategory.COMPUTE)
            .setRegion("eu-west-1")
            .setQuantity(1.0)
            .setUnit("instance-hour")
            .setCostUsd(0.81);
    if (optionalsSet) {
      b.setInstanceType("nvidia-l4");
    }
    return b.build();
  }

  static EndpointConfig endpointConfig(boolean optionalsSet) {
    EndpointConfig.Builder b =
        EndpointConfig.newBuilder()
            .setEndpointId("llama-eu")
            .setOwner("team-ml")
            .setCriticality(Criticality.NON_CRITICAL)
            .setDailyBudgetUsd(250.0)
            .setMinReplicas(1)
            .setMaxReplicas(8)
            .setExpectedMaxReplicas(4)
            .setInstanceType("nvidia-l4")
            .setRegion("eu-west-1");
    if (optionalsSet) {
      b.setHourlyPriceUsd(0.81)
          .setModelSizeGb(14.2)
          .setFallbackEndpointId("llama-eu-small")
          .setTimezone("Europe/Berlin")
          .setAllowEmergencyShutdown(true)
          .setThresholds(Map.of("COLD_START_FREQUENCY", 20.0, "ERROR_RATE", 0.05));
    }
    return b.build();
  }

  static CostAlert costAlert(boolean optionalsSet) {
    CostAlert.Builder b =
        CostAlert.newBuilder()
            .setAlertId("a-1")
            .setEndpointId("llama-eu")
            .setRule(AlertRule.DAILY_BUDGET_150)
            .setSeverity(Severity.CRITICAL)
            .setStatus(AlertStatus.FIRING)
            .setWindowStart(T0)
            .setWindowEnd(T0.plusSeconds(3600))
            .setObserved(380.25)
            .setThreshold(375.0)
            .setUnit("USD")
            .setMessage("llama-eu spent 380.25 USD today, 152% of its 250 USD budget")
            .setDetectedAt(T0.plusSeconds(1800));
    if (optionalsSet) {
      b.setBaseline(120.0).setOwner("team-ml").setRegion("eu-west-1").setInstanceType("nvidia-l4");
    }
    return b.build();
  }

  static ScalingCommand scalingCommand(boolean optionalsSet) {
    ScalingCommand.Builder b =
        ScalingCommand.newBuilder()
            .setCommandId("c-1")
            .setEndpointId("llama-eu")
            .setAction(ScalingAction.SCALE_DOWN)
            .setAlertId("a-1")
            .setReason("runaway scaling: 12 replicas, expected at most 4")
            .setIssuedAt(T0)
            .setDryRun(false);
    if (optionalsSet) {
      b.setTargetReplicas(4).setRouteTo("llama-eu-small").setExpiresAt(T0.plusSeconds(600));
    }
    return b.build();
  }

  /** Every contract record, first with all optional fields set, then with none. */
  static List<SpecificRecord> all() {
    return List.of(
        request(true), replicaEvent(true), billingEvent(true), endpointConfig(true), costAlert(true), scalingCommand(true),
        request(false), replicaEvent(false), billingEvent(false), endpointConfig(false), costAlert(false), scalingCommand(false));
  }
}
