package io.burnrate.rules;

import io.burnrate.schema.AlertRule;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The threshold of each rule for one endpoint: the global value, overridden per endpoint. */
public final class Thresholds {
  private final Map<AlertRule, Double> values;

  private Thresholds(Map<AlertRule, Double> values) {
    this.values = values;
  }

  public static Thresholds defaults() {
    return new Thresholds(Collections.unmodifiableMap(RuleCatalog.defaultThresholds()));
  }

  public static Thresholds of(Map<AlertRule, Double> values) {
    Map<AlertRule, Double> copy = new EnumMap<>(AlertRule.class);
    copy.putAll(values);
    return new Thresholds(Collections.unmodifiableMap(copy));
  }

  /** These thresholds with the given overrides applied (keys are rule symbols, checked upstream). */
  public Thresholds overriddenBy(Map<String, Double> overrides) {
    if (overrides == null || overrides.isEmpty()) {
      return this;
    }
    Map<AlertRule, Double> merged = new EnumMap<>(values);
    overrides.forEach((rule, value) -> merged.put(AlertRule.valueOf(rule), value));
    return of(merged);
  }

  public double get(AlertRule rule) {
    Double value = values.get(rule);
    return value == null ? Double.NaN : value;
  }

  public Map<AlertRule, Double> asMap() {
    return values;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Thresholds other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }
}
