package io.burnrate.rules;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every rule, one instance each, and their facts by symbol. A new rule is one file implementing one
 * of the trigger kinds, one {@link AlertRule} symbol, and one line here.
 */
public final class RuleCatalog {

  /** One rule's fixed facts. {@code defaultThreshold} is NaN where the config supplies it. */
  public record RuleFacts(AlertRule rule, double defaultThreshold, Severity severity, String unit) {}

  private static final List<Rule> ALL = List.of(
      new HourlySpendRate(),
      DailyBudgetTier.AT_120,
      DailyBudgetTier.AT_150,
      DailyBudgetTier.AT_200,
      new BudgetForecast(),
      new ColdStartFrequency(),
      new CostPerRequestRising(),
      new CostSpike(),
      new RunawayScaling(),
      new AutoscalingThrash(),
      new RequestSurge(),
      new LowUtilization(),
      new ErrorRate(),
      new HighLatency(),
      new QueueDepth(),
      new RegionalCostVarianceRule());

  private static final Map<AlertRule, Rule> BY_ID = new EnumMap<>(AlertRule.class);

  static {
    for (Rule rule : ALL) {
      if (BY_ID.put(rule.id(), rule) != null) {
        throw new IllegalStateException("rule " + rule.id() + " is listed twice");
      }
    }
  }

  private RuleCatalog() {}

  public static List<Rule> all() {
    return ALL;
  }

  /** The rules of one trigger kind, in catalog order. */
  public static <T extends Rule> List<T> ofKind(Class<T> kind) {
    List<T> rules = new ArrayList<>();
    for (Rule rule : ALL) {
      if (kind.isInstance(rule)) {
        rules.add(kind.cast(rule));
      }
    }
    return Collections.unmodifiableList(rules);
  }

  public static Rule rule(AlertRule id) {
    Rule rule = BY_ID.get(id);
    if (rule == null) {
      throw new IllegalArgumentException("no such rule: " + id);
    }
    return rule;
  }

  public static RuleFacts of(AlertRule id) {
    Rule rule = rule(id);
    return new RuleFacts(id, rule.defaultThreshold(), rule.severity(), rule.unit());
  }

  /** Whether {@code name} is a rule a threshold may be set for (every symbol but UNKNOWN). */
  public static boolean isRule(String name) {
    for (AlertRule id : BY_ID.keySet()) {
      if (id.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  public static Map<AlertRule, Double> defaultThresholds() {
    Map<AlertRule, Double> defaults = new EnumMap<>(AlertRule.class);
    BY_ID.forEach((id, rule) -> defaults.put(id, rule.defaultThreshold()));
    return defaults;
  }
}
