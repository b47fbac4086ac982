package io.burnrate.rules;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;

/**
 * REGIONAL_COST_VARIANCE's facts. The comparison spans endpoints, so it is judged apart from the
 * engine, by {@link RegionalCostVariance} over every endpoint of an instance type in a closed hour.
 */
public final class RegionalCostVarianceRule extends FixedFacts {
  public RegionalCostVarianceRule() {
    super(AlertRule.REGIONAL_COST_VARIANCE, Severity.INFO, "ratio", 0.30);
  }

  @Override
  public LifecycleSettings defaultLifecycle() {
    return LifecycleSettings.CLOSED_HOUR;
  }
}
