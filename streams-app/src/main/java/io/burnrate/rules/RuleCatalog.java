package io.burnrate.rules;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;
import java.util.EnumMap;
import java.util.Map;

/** Every rule's default threshold, severity and unit, as DOMAIN.md defines them. */
public final class RuleCatalog {

  /** One rule's fixed facts. {@code defaultThreshold} is NaN where the config supplies it. */
  public record RuleFacts(AlertRule rule, double defaultThreshold, Severity severity, String unit) {}

  private static final Map<AlertRule, RuleFacts> FACTS = new EnumMap<>(AlertRule.class);

  static {
    add(AlertRule.HOURLY_SPEND_RATE, 1.0, Severity.WARNING, "USD");
    add(AlertRule.DAILY_BUDGET_120, 1.2, Severity.WARNING, "USD");
    add(AlertRule.DAILY_BUDGET_150, 1.5, Severity.CRITICAL, "USD");
    add(AlertRule.DAILY_BUDGET_200, 2.0, Severity.CRITICAL, "USD");
    add(AlertRule.BUDGET_FORECAST, 1.2, Severity.WARNING, "USD");
    add(AlertRule.COLD_START_FREQUENCY, 10, Severity.WARNING, "cold starts/hour");
    add(AlertRule.COST_PER_REQUEST_RISING, 1.5, Severity.WARNING, "USD/request");
    add(AlertRule.COST_SPIKE, 2.0, Severity.WARNING, "USD");
    add(AlertRule.RUNAWAY_SCALING, Double.NaN, Severity.CRITICAL, "replicas");
    add(AlertRule.AUTOSCALING_THRASH, 50, Severity.WARNING, "scale-ups/day");
    add(AlertRule.REQUEST_SURGE, 5.0, Severity.CRITICAL, "requests/hour");
    add(AlertRule.LOW_UTILIZATION, 0.10, Severity.INFO, "ratio");
    add(AlertRule.ERROR_RATE, 0.01, Severity.CRITICAL, "ratio");
    add(AlertRule.HIGH_LATENCY, 500, Severity.WARNING, "ms");
    add(AlertRule.QUEUE_DEPTH, 10, Severity.WARNING, "requests");
    add(AlertRule.REGIONAL_COST_VARIANCE, 0.30, Severity.INFO, "ratio");
  }

  private RuleCatalog() {}

  private static void add(AlertRule rule, double threshold, Severity severity, String unit) {
    FACTS.put(rule, new RuleFacts(rule, threshold, severity, unit));
  }

  public static RuleFacts of(AlertRule rule) {
    RuleFacts facts = FACTS.get(rule);
    if (facts == null) {
      throw new IllegalArgumentException("no such rule: " + rule);
    }
    return facts;
  }

  /** Whether {@code name} is a rule a threshold may be set for (every symbol but UNKNOWN). */
  public static boolean isRule(String name) {
    for (AlertRule rule : FACTS.keySet()) {
      if (rule.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  public static Map<AlertRule, Double> defaultThresholds() {
    Map<AlertRule, Double> defaults = new EnumMap<>(AlertRule.class);
    FACTS.forEach((rule, facts) -> defaults.put(rule, facts.defaultThreshold()));
    return defaults;
  }
}
