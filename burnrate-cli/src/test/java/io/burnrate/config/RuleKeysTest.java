package io.burnrate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnrate.rules.Rule;
import io.burnrate.rules.RuleCatalog;
import io.burnrate.rules.RuleLifecycles;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

class RuleKeysTest {
  private static final Map<String, ConfigDef.ConfigKey> KEYS = BurnrateConfig.DEFINITION.configKeys();

  @Test
  void everyRuleHasItsThreeKeysWithItsOwnDefaults() {
    for (Rule rule : RuleCatalog.all()) {
      String prefix = "burnrate.rule." + rule.id();
      assertThat(KEYS).containsKeys(prefix + ".threshold", prefix + ".hysteresis", prefix + ".clear.ms");
      Object threshold = KEYS.get(prefix + ".threshold").defaultValue;
      if (Double.isNaN(rule.defaultThreshold())) {
        assertThat(threshold).as(prefix).isNull();
      } else {
        assertThat(threshold).as(prefix).isEqualTo(rule.defaultThreshold());
      }
      assertThat(KEYS.get(prefix + ".hysteresis").defaultValue)
          .isEqualTo(RuleLifecycles.defaults().of(rule.id(), "").hysteresis());
      assertThat(KEYS.get(prefix + ".clear.ms").defaultValue)
          .isEqualTo(RuleLifecycles.defaults().of(rule.id(), "").clearMs());
      assertThat(KEYS.get(prefix + ".threshold").documentation).startsWith(rule.id().name()).contains(rule.unit());
    }
  }

  @Test
  void theListOfSettingsShowsEveryRulesRealDefault() {
    String listing = BurnrateConfig.documentation();

    assertThat(listing).doesNotContain("see README");
    assertThat(listing).containsPattern("burnrate\\.rule\\.COLD_START_FREQUENCY\\.threshold\\s+double\\s+10\\.0");
  }

  @Test
  void aThresholdIsAPositiveNumber() {
    assertThatThrownBy(() -> BurnrateConfig.of(Map.of("burnrate.rule.ERROR_RATE.threshold", "-0.5")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("burnrate.rule.ERROR_RATE.threshold").hasMessageContaining("a positive number");
    assertThat(BurnrateConfig.of(Map.of("burnrate.rule.ERROR_RATE.threshold", "0.05")).pipeline().thresholds()
        .get(io.burnrate.schema.AlertRule.ERROR_RATE)).isEqualTo(0.05);
  }
}
