package io.burnrate.rules;

import io.burnrate.schema.AlertRule;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@link LifecycleSettings} of every rule: each rule's default, overridden globally, overridden
 * again per endpoint.
 */
public final class RuleLifecycles {
  private final Map<AlertRule, LifecycleSettings> global;
  private final Map<String, Map<AlertRule, LifecycleSettings>> perEndpoint;

  private RuleLifecycles(Map<AlertRule, LifecycleSettings> global,
      Map<String, Map<AlertRule, LifecycleSettings>> perEndpoint) {
    this.global = global;
    this.perEndpoint = perEndpoint;
  }

  /** Every rule's own default. */
  public static RuleLifecycles defaults() {
    Map<AlertRule, LifecycleSettings> defaults = new EnumMap<>(AlertRule.class);
    for (Rule rule : RuleCatalog.all()) {
      defaults.put(rule.id(), rule.defaultLifecycle());
    }
    return new RuleLifecycles(Collections.unmodifiableMap(defaults), Map.of());
  }

  /** These settings with global overrides of some rules. */
  public RuleLifecycles withGlobal(Map<AlertRule, LifecycleSettings> overrides) {
    Map<AlertRule, LifecycleSettings> merged = new EnumMap<>(AlertRule.class);
    merged.putAll(global);
    merged.putAll(overrides);
    return new RuleLifecycles(Collections.unmodifiableMap(merged), perEndpoint);
  }

  /** These settings with overrides of some rules for one endpoint. */
  public RuleLifecycles withEndpoint(String endpointId, Map<AlertRule, LifecycleSettings> overrides) {
    Map<String, Map<AlertRule, LifecycleSettings>> endpoints = new TreeMap<>(perEndpoint);
    Map<AlertRule, LifecycleSettings> merged = new EnumMap<>(AlertRule.class);
    merged.putAll(endpoints.getOrDefault(endpointId, Map.of()));
    merged.putAll(overrides);
    endpoints.put(endpointId, Collections.unmodifiableMap(merged));
    return new RuleLifecycles(global, Collections.unmodifiableMap(endpoints));
  }

  /** The settings of {@code rule} in force for {@code endpointId}. */
  public LifecycleSettings of(AlertRule rule, String endpointId) {
    Map<AlertRule, LifecycleSettings> own = perEndpoint.get(endpointId);
    LifecycleSettings settings = own == null ? null : own.get(rule);
    if (settings == null) {
      settings = global.get(rule);
    }
    return settings != null ? settings : RuleCatalog.rule(rule).defaultLifecycle();
  }

  /** The global settings, by rule: what {@code burnrate config} lists. */
  public Map<AlertRule, LifecycleSettings> global() {
    return global;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RuleLifecycles other && global.equals(other.global) && perEndpoint.equals(other.perEndpoint);
  }

  @Override
  public int hashCode() {
    return global.hashCode() * 31 + perEndpoint.hashCode();
  }
}
