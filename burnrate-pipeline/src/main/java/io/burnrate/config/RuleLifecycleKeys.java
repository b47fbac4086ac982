package io.burnrate.config;

import io.burnrate.rules.LifecycleSettings;
import io.burnrate.rules.RuleCatalog;
import io.burnrate.rules.RuleLifecycles;
import io.burnrate.schema.AlertRule;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alert lifecycle's keys: {@code burnrate.rule.<RULE>.hysteresis} and {@code
 * burnrate.rule.<RULE>.clear.ms} for every endpoint, and the same after {@code
 * burnrate.endpoint.<endpoint_id>.} for one endpoint.
 */
final class RuleLifecycleKeys {
  static final String RULE_PREFIX = "burnrate.rule.";
  static final String ENDPOINT_PREFIX = "burnrate.endpoint.";
  static final String HYSTERESIS = ".hysteresis";
  static final String CLEAR_MS = ".clear.ms";
  private static final String ENDPOINT_RULE = ".rule.";
  private static final List<AlertRule> BASELINE_RULES = List.of(AlertRule.COST_SPIKE, AlertRule.REQUEST_SURGE);

  /** One key taken apart: the endpoint (null: every endpoint), the rule and which setting. */
  record Key(String endpointId, String rule, boolean hysteresis) {}

  private RuleLifecycleKeys() {}

  /** The key's parts, or null when the name is not a lifecycle key. */
  static Key parse(String name) {
    boolean hysteresis = name.endsWith(HYSTERESIS);
    if (!hysteresis && !name.endsWith(CLEAR_MS)) {
      return null;
    }
    String head = name.substring(0, name.length() - (hysteresis ? HYSTERESIS : CLEAR_MS).length());
    if (head.startsWith(RULE_PREFIX)) {
      return new Key(null, head.substring(RULE_PREFIX.length()), hysteresis);
    }
    int rule = head.lastIndexOf(ENDPOINT_RULE);
    if (head.startsWith(ENDPOINT_PREFIX) && rule > ENDPOINT_PREFIX.length()) {
      return new Key(head.substring(ENDPOINT_PREFIX.length(), rule), head.substring(rule + ENDPOINT_RULE.length()),
          hysteresis);
    }
    return null;
  }

  /** What is wrong with a lifecycle key's value, or null. */
  static String problem(String name, Key key, String value, String ruleList) {
    if (!RuleCatalog.isRule(key.rule())) {
      return name + ": '" + key.rule() + "' is no rule; rules are " + ruleList;
    }
    try {
      if (key.hysteresis()) {
        double d = Double.parseDouble(value.trim());
        return d >= 0 && d < 1 ? null : name + ": value " + value
            + " must be a fraction of the threshold from 0 (inclusive) to 1 (exclusive), e.g. 0.1";
      }
      long ms = Long.parseLong(value.trim());
      return ms >= 0 ? null : name + ": value " + value + " must be a number of milliseconds >= 0, e.g. 900000";
    } catch (NumberFormatException e) {
      return name + ": value '" + value + "' is not a " + (key.hysteresis() ? "number" : "whole number of ms");
    }
  }

  /** Every rule's default with the given (already checked) keys applied. */
  static RuleLifecycles lifecycles(Map<String, String> raw) {
    RuleLifecycles defaults = RuleLifecycles.defaults();
    Map<AlertRule, LifecycleSettings> global = new EnumMap<>(AlertRule.class);
    // The baseline rules' older keys, from before every rule had its own, still apply to them.
    for (AlertRule rule : BASELINE_RULES) {
      LifecycleSettings settings = defaults.of(rule, "");
      if (raw.containsKey(BurnrateConfig.GATE_HYSTERESIS)) {
        settings = settings.withHysteresis(Double.parseDouble(raw.get(BurnrateConfig.GATE_HYSTERESIS).trim()));
      }
      if (raw.containsKey(BurnrateConfig.GATE_MIN_CLEAR)) {
        settings = settings.withClearMs(Long.parseLong(raw.get(BurnrateConfig.GATE_MIN_CLEAR).trim()));
      }
      global.put(rule, settings);
    }
    Map<String, Map<AlertRule, LifecycleSettings>> perEndpoint = new TreeMap<>();
    raw.forEach((name, value) -> {
      Key key = parse(name);
      if (key != null && key.endpointId() == null) {
        AlertRule rule = AlertRule.valueOf(key.rule());
        global.put(rule, apply(global.getOrDefault(rule, defaults.of(rule, "")), key, value));
      }
    });
    RuleLifecycles globally = defaults.withGlobal(global);
    raw.forEach((name, value) -> {
      Key key = parse(name);
      if (key != null && key.endpointId() != null) {
        AlertRule rule = AlertRule.valueOf(key.rule());
        Map<AlertRule, LifecycleSettings> own = perEndpoint.computeIfAbsent(key.endpointId(),
            id -> new EnumMap<>(AlertRule.class));
        own.put(rule, apply(own.getOrDefault(rule, globally.of(rule, key.endpointId())), key, value));
      }
    });
    RuleLifecycles configured = globally;
    for (Map.Entry<String, Map<AlertRule, LifecycleSettings>> endpoint : perEndpoint.entrySet()) {
      configured = configured.withEndpoint(endpoint.getKey(), endpoint.getValue());
    }
    return configured;
  }

  private static LifecycleSettings apply(LifecycleSettings settings, Key key, String value) {
    return key.hysteresis()
        ? settings.withHysteresis(Double.parseDouble(value.trim()))
        : settings.withClearMs(Long.parseLong(value.trim()));
  }
}
