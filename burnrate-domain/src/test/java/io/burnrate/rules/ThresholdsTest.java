package io.burnrate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.schema.AlertRule;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

  @Test
  void defaultsAreTheCatalogs() {
    Thresholds defaults = Thresholds.defaults();

    assertThat(defaults.get(AlertRule.COLD_START_FREQUENCY)).isEqualTo(10.0);
    assertThat(defaults.get(AlertRule.DAILY_BUDGET_200)).isEqualTo(2.0);
    assertThat(defaults.get(AlertRule.RUNAWAY_SCALING)).isNaN();
  }

  @Test
  void perEndpointOverridesReplaceOnlyTheirRules() {
    Thresholds endpoint = Thresholds.defaults().overriddenBy(Map.of("COLD_START_FREQUENCY", 20.0));

    assertThat(endpoint.get(AlertRule.COLD_START_FREQUENCY)).isEqualTo(20.0);
    assertThat(endpoint.get(AlertRule.HOURLY_SPEND_RATE)).isEqualTo(1.0);
    assertThat(Thresholds.defaults().get(AlertRule.COLD_START_FREQUENCY)).isEqualTo(10.0);
  }

  @Test
  void noOverridesGiveTheSameThresholds() {
    Thresholds defaults = Thresholds.defaults();

    assertThat(defaults.overriddenBy(Map.of())).isSameAs(defaults);
    assertThat(defaults.overriddenBy(null)).isSameAs(defaults);
  }

  @Test
  void equalByValue() {
    assertThat(Thresholds.defaults().overriddenBy(Map.of("ERROR_RATE", 0.05)))
        .isEqualTo(Thresholds.defaults().overriddenBy(Map.of("ERROR_RATE", 0.05)))
        .hasSameHashCodeAs(Thresholds.defaults().overriddenBy(Map.of("ERROR_RATE", 0.05)))
        .isNotEqualTo(Thresholds.defaults());
  }

  @Test
  void ruleWithoutAThresholdIsNaN() {
    Thresholds onlyErrorRate = Thresholds.of(Map.of(AlertRule.ERROR_RATE, 0.02));

    assertThat(onlyErrorRate.get(AlertRule.ERROR_RATE)).isEqualTo(0.02);
    assertThat(onlyErrorRate.get(AlertRule.HIGH_LATENCY)).isNaN();
  }
}
