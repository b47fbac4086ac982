package io.burnrate.rules;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;
import java.util.Optional;

/**
 * A rule's fixed facts. Each rule implements one of the trigger kinds below it: {@link SpanRule},
 * {@link BaselineRule}, {@link ClosedHourRule}, {@link BudgetDayRule}, {@link ReplicaEventRule}; the
 * engine hands it already summed figures and the {@link AlertLifecycle} decides what is emitted.
 */
public interface Rule {
  AlertRule id();

  Severity severity();

  /** The unit of {@code observed} and {@code threshold} in its alerts. */
  String unit();

  /** The threshold when none is configured; NaN where the endpoint's config record supplies it. */
  double defaultThreshold();

  default LifecycleSettings defaultLifecycle() {
    return LifecycleSettings.SPAN;
  }

  /** The command this rule asks for on the endpoint when it fires, if any. */
  default Optional<CommandProposal> command(EndpointSettings endpoint) {
    return Optional.empty();
  }

  /** Whether it fires below its threshold (LOW_UTILIZATION) rather than above. */
  default boolean firesBelow() {
    return false;
  }

  /**
   * Whether its threshold moves from one evaluation to the next (a seasonal baseline's line follows
   * the hour of the week). An open episode is then judged clear against the threshold it fired on,
   * so that the incident is over when the value is back, not when the line moved up to it.
   */
  default boolean movingThreshold() {
    return false;
  }

  /** Advice is not a page: at most one FIRING per endpoint and budget day. */
  default boolean advice() {
    return severity() == Severity.INFO;
  }
}
