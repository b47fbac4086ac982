package io.burnrate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnrate.rules.LifecycleSettings;
import io.burnrate.rules.RuleLifecycles;
import io.burnrate.schema.AlertRule;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lifecycle keys: burnrate.rule.RULE.hysteresis / .clear.ms, and the same per endpoint. */
class RuleLifecycleKeysTest {

  private static RuleLifecycles lifecycles(Map<String, String> settings) {
    return BurnrateConfig.of(settings).pipeline().lifecycles();
  }

  private static InvalidConfigException refusal(Map<String, String> settings) {
    try {
      BurnrateConfig.of(settings);
    } catch (InvalidConfigException e) {
      return e;
    }
    throw new AssertionError("accepted " + settings);
  }

  @Test
  void globalAndEndpointKeysGiveTheSettingsOfEachRuleAndEndpoint() {
    RuleLifecycles lifecycles = lifecycles(Map.of(
        "burnrate.rule.QUEUE_DEPTH.hysteresis", "0.2",
        "burnrate.rule.QUEUE_DEPTH.clear.ms", "1800000",
        "burnrate.endpoint.ep-1.rule.ERROR_RATE.clear.ms", "300000"));

    assertThat(lifecycles.of(AlertRule.QUEUE_DEPTH, "ep-1")).isEqualTo(new LifecycleSettings(0.2, 1_800_000));
    assertThat(lifecycles.of(AlertRule.QUEUE_DEPTH, "ep-2")).isEqualTo(new LifecycleSettings(0.2, 1_800_000));
    assertThat(lifecycles.of(AlertRule.ERROR_RATE, "ep-1")).isEqualTo(new LifecycleSettings(0.10, 300_000));
    assertThat(lifecycles.of(AlertRule.ERROR_RATE, "ep-2")).isEqualTo(LifecycleSettings.SPAN);
    assertThat(lifecycles.of(AlertRule.LOW_UTILIZATION, "ep-1")).isEqualTo(LifecycleSettings.CLOSED_HOUR);
  }

  @Test
  void withoutKeysEveryRuleHasItsDefault() {
    RuleLifecycles lifecycles = lifecycles(Map.of());

    assertThat(lifecycles.of(AlertRule.QUEUE_DEPTH, "ep-1")).isEqualTo(LifecycleSettings.SPAN);
    assertThat(lifecycles.of(AlertRule.COST_PER_REQUEST_RISING, "ep-1")).isEqualTo(LifecycleSettings.CLOSED_HOUR);
    assertThat(lifecycles.of(AlertRule.DAILY_BUDGET_150, "ep-1")).isEqualTo(LifecycleSettings.BUDGET_DAY);
  }

  @Test
  void anEndpointKeyForOneSettingKeepsTheOtherFromTheGlobalKey() {
    RuleLifecycles lifecycles = lifecycles(Map.of(
        "burnrate.rule.QUEUE_DEPTH.clear.ms", "1800000",
        "burnrate.endpoint.ep-1.rule.QUEUE_DEPTH.hysteresis", "0.3"));

    assertThat(lifecycles.of(AlertRule.QUEUE_DEPTH, "ep-1")).isEqualTo(new LifecycleSettings(0.3, 1_800_000));
    assertThat(lifecycles.of(AlertRule.QUEUE_DEPTH, "ep-2")).isEqualTo(new LifecycleSettings(0.10, 1_800_000));
  }

  @Test
  void aHysteresisOfOneOrMoreIsRefused() {
    InvalidConfigException e = refusal(Map.of("burnrate.rule.QUEUE_DEPTH.hysteresis", "1.5"));

    assertThat(e.problems()).singleElement().asString()
        .contains("burnrate.rule.QUEUE_DEPTH.hysteresis", "1.5", "from 0 (inclusive) to 1 (exclusive)");
  }

  @Test
  void aNegativeClearTimeIsRefused() {
    InvalidConfigException e = refusal(Map.of("burnrate.endpoint.ep-1.rule.ERROR_RATE.clear.ms", "-1"));

    assertThat(e.problems()).singleElement().asString()
        .contains("burnrate.endpoint.ep-1.rule.ERROR_RATE.clear.ms", "-1", ">= 0");
  }

  @Test
  void aValueThatIsNoNumberIsRefused() {
    InvalidConfigException e = refusal(Map.of("burnrate.rule.QUEUE_DEPTH.clear.ms", "15m"));

    assertThat(e.problems()).singleElement().asString()
        .contains("burnrate.rule.QUEUE_DEPTH.clear.ms", "'15m'", "whole number of ms");
  }

  @Test
  void anUnknownRuleIsRefusedNamingTheRulesThereAre() {
    InvalidConfigException e = refusal(Map.of("burnrate.rule.NO_SUCH.hysteresis", "0.2"));

    assertThat(e.problems()).singleElement().asString()
        .contains("burnrate.rule.NO_SUCH.hysteresis", "'NO_SUCH' is no rule", "QUEUE_DEPTH", "ERROR_RATE");
    assertThat(e.getMessage()).contains("burnrate.rule.NO_SUCH.hysteresis");
  }

  @Test
  void everyBadKeyIsReportedAtOnce() {
    InvalidConfigException e = refusal(Map.of(
        "burnrate.rule.QUEUE_DEPTH.hysteresis", "1.5",
        "burnrate.rule.QUEUE_DEPTH.clear.ms", "-1",
        "burnrate.endpoint.ep-1.rule.NO_SUCH.clear.ms", "300000"));

    assertThat(e.problems()).hasSize(3);
  }
}
