package io.burnrate.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The README's rule table: default threshold and severity of every rule. */
class RuleCatalogTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "HOURLY_SPEND_RATE, 1.0, WARNING",
      "DAILY_BUDGET_120, 1.2, WARNING",
      "DAILY_BUDGET_150, 1.5, CRITICAL",
      "DAILY_BUDGET_200, 2.0, CRITICAL",
      "BUDGET_FORECAST, 1.2, WARNING",
      "COLD_START_FREQUENCY, 10, WARNING",
      "COST_PER_REQUEST_RISING, 1.5, WARNING",
      "COST_SPIKE, 2.0, WARNING",
      "AUTOSCALING_THRASH, 50, WARNING",
      "REQUEST_SURGE, 5.0, CRITICAL",
      "LOW_UTILIZATION, 0.10, INFO",
      "ERROR_RATE, 0.01, CRITICAL",
      "HIGH_LATENCY, 500, WARNING",
      "QUEUE_DEPTH, 10, WARNING",
      "REGIONAL_COST_VARIANCE, 0.30, INFO"})
  void defaultThresholdAndSeverityAreTheDomainTables(AlertRule rule, double threshold, Severity severity) {
    assertThat(RuleCatalog.of(rule).defaultThreshold()).isEqualTo(threshold);
    assertThat(RuleCatalog.of(rule).severity()).isEqualTo(severity);
  }

  @Test
  void runawayScalingTakesItsLimitFromTheConfig() {
    assertThat(RuleCatalog.of(AlertRule.RUNAWAY_SCALING).defaultThreshold()).isNaN();
    assertThat(RuleCatalog.of(AlertRule.RUNAWAY_SCALING).severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void everyRuleButUnknownIsInTheCatalog() {
    Arrays.stream(AlertRule.values()).filter(rule -> rule != AlertRule.UNKNOWN)
        .forEach(rule -> assertThat(RuleCatalog.isRule(rule.name())).as(rule.name()).isTrue());
    assertThat(RuleCatalog.isRule("UNKNOWN")).isFalse();
    assertThat(RuleCatalog.isRule("COLD_STARTS")).isFalse();
    assertThatThrownBy(() -> RuleCatalog.of(AlertRule.UNKNOWN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UNKNOWN");
  }
}
