package io.burnrate.rules;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;

/**
 * REGIONAL_COST_VARIANCE's facts. The comparison spans endpoints, so it is judged apart from the
 * engine, by {@link RegionalCostVariance} over every endpoint of an instance type in a closed hour.
 */
public final class RegionalCostVarianceRule implements Rule {
  @Override
  public AlertRule id() {
    return AlertRule.REGIONAL_COST_VARIANCE;
  }

  @Override
  public Severity severity() {
    return Severity.INFO;
  }

  @Override
  public String unit() {
    return "ratio";
  }

  @Override
  public double defaultThreshold() {
    return 0.30;
  }

  @Override
  public LifecycleSettings defaultLifecycle() {
    return LifecycleSettings.CLOSED_HOUR;
  }
}
