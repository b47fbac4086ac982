package io.burnrate.config;

import io.burnrate.rules.LifecycleSettings;
import io.burnrate.rules.Rule;
import io.burnrate.rules.RuleCatalog;
import io.burnrate.rules.RuleLifecycles;
import io.burnrate.schema.AlertRule;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Every rule's global keys, defined from the rule itself ({@link RuleCatalog}): {@code
 * burnrate.rule.<RULE>.threshold}, {@code .hysteresis} and {@code .clear.ms}, each with the rule's own
 * default, so that {@code burnrate config} lists the real values and a key leads to its rule. The same
 * settings per endpoint ({@code burnrate.endpoint.<endpoint_id>.rule.<RULE>.*}, and thresholds in the
 * config record) are checked by {@link RuleLifecycleKeys}.
 */
final class RuleKeys {
  private RuleKeys() {}

  static String threshold(AlertRule rule) {
    return BurnrateConfig.RULE_PREFIX + rule + BurnrateConfig.RULE_SUFFIX;
  }

  static void defineAll(ConfigDef def) {
    RuleLifecycles lifecycles = RuleLifecycles.defaults();
    for (Rule rule : RuleCatalog.all()) {
      AlertRule id = rule.id();
      LifecycleSettings lifecycle = lifecycles.of(id, "");
      double threshold = rule.defaultThreshold();
      def.define(threshold(id), Type.DOUBLE, Double.isNaN(threshold) ? null : threshold, POSITIVE,
          Importance.MEDIUM, id + " (" + rule.severity() + ") fires " + (rule.firesBelow() ? "below" : "above") + " this, in "
              + rule.unit()
              + (Double.isNaN(threshold) ? "; unset: the endpoint's expected_max_replicas" : "")
              + " (per endpoint: the config record's thresholds)");
      def.define(BurnrateConfig.RULE_PREFIX + id + RuleLifecycleKeys.HYSTERESIS, Type.DOUBLE,
          lifecycle.hysteresis(), FRACTION, Importance.LOW,
          "An open " + id + " alert resolves only this fraction of the threshold on the safe side of it"
              + " (per endpoint: burnrate.endpoint.<endpoint_id>.rule." + id + RuleLifecycleKeys.HYSTERESIS + ")...");
      def.define(BurnrateConfig.RULE_PREFIX + id + RuleLifecycleKeys.CLEAR_MS, Type.LONG, lifecycle.clearMs(),
          MILLISECONDS, Importance.LOW,
          "...after staying there this long (ms of event time; closed-hour rules: after their first clear hour).");
    }
  }

  private static final ConfigDef.Validator POSITIVE = new Check("a positive number, e.g. 1.5") {
    @Override
    boolean holds(Object value) {
      return value == null || value instanceof Double d && Double.isFinite(d) && d > 0;
    }
  };

  private static final ConfigDef.Validator FRACTION =
      new Check("a fraction of the threshold from 0 (inclusive) to 1 (exclusive), e.g. 0.1") {
        @Override
        boolean holds(Object value) {
          return value instanceof Double d && d >= 0 && d < 1;
        }
      };

  private static final ConfigDef.Validator MILLISECONDS = new Check("a whole number of ms >= 0, e.g. 900000") {
    @Override
    boolean holds(Object value) {
      return value instanceof Long ms && ms >= 0;
    }
  };

  /** A validator that says what is allowed, in the words of the rest of Burnrate's settings. */
  private abstract static class Check implements ConfigDef.Validator {
    private final String allowed;

    Check(String allowed) {
      this.allowed = allowed;
    }

    abstract boolean holds(Object value);

    @Override
    public void ensureValid(String name, Object value) {
      if (!holds(value)) {
        throw new ConfigException(name, value, "must be " + allowed);
      }
    }

    @Override
    public String toString() {
      return allowed;
    }
  }
}
