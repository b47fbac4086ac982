package io.burnrate.rules;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;

/** A rule's facts that never change: its symbol, severity, unit and default threshold. */
abstract class FixedFacts implements Rule {
  private final AlertRule id;
  private final Severity severity;
  private final String unit;
  private final double defaultThreshold;

  FixedFacts(AlertRule id, Severity severity, String unit, double defaultThreshold) {
    this.id = id;
    this.severity = severity;
    this.unit = unit;
    this.defaultThreshold = defaultThreshold;
  }

  @Override
  public final AlertRule id() {
    return id;
  }

  @Override
  public final Severity severity() {
    return severity;
  }

  @Override
  public final String unit() {
    return unit;
  }

  @Override
  public final double defaultThreshold() {
    return defaultThreshold;
  }
}
