package io.burnrate.rules;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.ScalingAction;
import io.burnrate.schema.Severity;
import java.util.Optional;

/** RUNAWAY_SCALING: a replica event leaves more replicas than the endpoint's expected maximum. */
public final class RunawayScaling extends FixedFacts implements ReplicaEventRule {
  /** No default threshold: the config record's {@code expected_max_replicas}, unless one is set. */
  public RunawayScaling() {
    super(AlertRule.RUNAWAY_SCALING, Severity.CRITICAL, "replicas", Double.NaN);
  }

  @Override
  public Optional<CommandProposal> command(EndpointSettings endpoint) {
    return Optional.of(new CommandProposal(ScalingAction.SCALE_DOWN, endpoint.expectedMaxReplicas(), null,
        "scale down to expected_max_replicas " + endpoint.expectedMaxReplicas()));
  }

  static double limit(EndpointSettings endpoint) {
    double limit = endpoint.thresholds().get(AlertRule.RUNAWAY_SCALING);
    return Double.isNaN(limit) ? endpoint.expectedMaxReplicas() : limit;
  }

  @Override
  public Reading judge(int replicas, EndpointSettings endpoint, double hysteresis) {
    return Reading.above(replicas, limit(endpoint), hysteresis);
  }

  @Override
  public String firingMessage(int replicas, EndpointSettings endpoint, Reading reading) {
    return String.format("%s scaled to %d replicas, above its expected maximum of %s: runaway scaling",
        endpoint.endpointId(), replicas, RuleTexts.plain(reading.threshold()));
  }

  @Override
  public String resolvedMessage(int replicas, EndpointSettings endpoint, Reading reading) {
    return String.format("%s is back to %d replica%s (expected maximum %s)",
        endpoint.endpointId(), replicas, replicas == 1 ? "" : "s", RuleTexts.plain(reading.threshold()));
  }
}
