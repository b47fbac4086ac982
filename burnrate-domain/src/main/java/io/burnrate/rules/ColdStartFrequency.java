package io.burnrate.rules;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.ScalingAction;
import io.burnrate.schema.Severity;
import java.util.Optional;

/**
 * COLD_START_FREQUENCY: more cold starts in any 60 minutes than the limit: the autoscaling death
 * spiral. Its cure for an endpoint with {@code min_replicas} 0 is one warm replica.
 */
public final class ColdStartFrequency extends FixedFacts implements SpanRule {
  public ColdStartFrequency() {
    super(AlertRule.COLD_START_FREQUENCY, Severity.WARNING, "cold starts/hour", 10);
  }

  @Override
  public Optional<CommandProposal> command(EndpointSettings endpoint) {
    return endpoint.minReplicas() == 0
        ? Optional.of(new CommandProposal(ScalingAction.SET_MIN_REPLICAS, 1, null,
            "keep one warm replica (min_replicas 0 -> 1) to stop the cold-start spiral"))
        : Optional.empty();
  }

  @Override
  public Reading judge(SpanFigures span, EndpointSettings endpoint, double hysteresis) {
    return Reading.above(span.hour().coldStarts, endpoint.thresholds().get(id()), hysteresis);
  }

  @Override
  public String firingMessage(SpanFigures span, EndpointSettings endpoint, Reading reading) {
    return String.format("%s had %d cold starts in the last 60 minutes (limit %s): autoscaling death spiral, each costs"
        + " a model download", endpoint.endpointId(), span.hour().coldStarts, RuleTexts.plain(reading.threshold()));
  }

  @Override
  public String resolvedMessage(SpanFigures span, EndpointSettings endpoint, Reading reading) {
    return String.format("%s cold starts are back to %d in the last 60 minutes (limit %s)",
        endpoint.endpointId(), span.hour().coldStarts, RuleTexts.plain(reading.threshold()));
  }
}
