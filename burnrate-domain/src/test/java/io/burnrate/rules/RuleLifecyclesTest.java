package io.burnrate.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnrate.schema.AlertRule;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule's lifecycle settings: its kind's default, overridden globally, then per endpoint. */
class RuleLifecyclesTest {
  private static final long MINUTE = 60_000;
  private final RuleLifecycles defaults = RuleLifecycles.defaults();

  @Test
  void theKindsDefaults() {
    assertThat(LifecycleSettings.SPAN).isEqualTo(new LifecycleSettings(0.10, 15 * MINUTE));
    assertThat(LifecycleSettings.CLOSED_HOUR).isEqualTo(new LifecycleSettings(0.10, 0));
    assertThat(LifecycleSettings.BUDGET_DAY).isEqualTo(new LifecycleSettings(0, 0));
  }

  @ParameterizedTest(name = "{0}: hysteresis {1}, clear {2} ms")
  @CsvSource({
      "HOURLY_SPEND_RATE, 0.10, 900000",
      "COLD_START_FREQUENCY, 0.10, 900000",
      "ERROR_RATE, 0.10, 900000",
      "HIGH_LATENCY, 0.10, 900000",
      "QUEUE_DEPTH, 0.10, 900000",
      "COST_SPIKE, 0.10, 900000",
      "REQUEST_SURGE, 0.10, 900000",
      "RUNAWAY_SCALING, 0.10, 900000",
      "COST_PER_REQUEST_RISING, 0.10, 0",
      "LOW_UTILIZATION, 0.10, 0",
      "DAILY_BUDGET_120, 0, 0",
      "DAILY_BUDGET_150, 0, 0",
      "DAILY_BUDGET_200, 0, 0",
      "AUTOSCALING_THRASH, 0, 0",
      "BUDGET_FORECAST, 0, 0"})
  void eachRuleStartsFromItsKindsDefault(AlertRule rule, double hysteresis, long clearMs) {
    assertThat(defaults.of(rule, "ep-1")).isEqualTo(new LifecycleSettings(hysteresis, clearMs));
  }

  @Test
  void everyRuleOfAKindHasThatKindsDefault() {
    for (Rule rule : RuleCatalog.ofKind(SpanRule.class)) {
      assertThat(defaults.of(rule.id(), "ep-1")).as(rule.id().name()).isEqualTo(LifecycleSettings.SPAN);
    }
    for (Rule rule : RuleCatalog.ofKind(BaselineRule.class)) {
      assertThat(defaults.of(rule.id(), "ep-1")).as(rule.id().name()).isEqualTo(LifecycleSettings.SPAN);
    }
    for (Rule rule : RuleCatalog.ofKind(ReplicaEventRule.class)) {
      assertThat(defaults.of(rule.id(), "ep-1")).as(rule.id().name()).isEqualTo(LifecycleSettings.SPAN);
    }
    for (Rule rule : RuleCatalog.ofKind(ClosedHourRule.class)) {
      assertThat(defaults.of(rule.id(), "ep-1")).as(rule.id().name()).isEqualTo(LifecycleSettings.CLOSED_HOUR);
    }
    for (Rule rule : RuleCatalog.ofKind(BudgetDayRule.class)) {
      assertThat(defaults.of(rule.id(), "ep-1")).as(rule.id().name()).isEqualTo(LifecycleSettings.BUDGET_DAY);
    }
  }

  @Test
  void aGlobalOverrideAppliesToEveryEndpointAndOnlyToItsRule() {
    LifecycleSettings slower = new LifecycleSettings(0.2, 30 * MINUTE);

    RuleLifecycles configured = defaults.withGlobal(Map.of(AlertRule.QUEUE_DEPTH, slower));

    assertThat(configured.of(AlertRule.QUEUE_DEPTH, "ep-1")).isEqualTo(slower);
    assertThat(configured.of(AlertRule.QUEUE_DEPTH, "ep-2")).isEqualTo(slower);
    assertThat(configured.of(AlertRule.ERROR_RATE, "ep-1")).isEqualTo(LifecycleSettings.SPAN);
    assertThat(configured.global()).containsEntry(AlertRule.QUEUE_DEPTH, slower);
    assertThat(defaults.of(AlertRule.QUEUE_DEPTH, "ep-1")).isEqualTo(LifecycleSettings.SPAN);
  }

  @Test
  void anEndpointOverrideWinsOverTheGlobalOneForThatEndpointOnly() {
    LifecycleSettings global = new LifecycleSettings(0.2, 30 * MINUTE);
    LifecycleSettings own = new LifecycleSettings(0.05, 5 * MINUTE);

    RuleLifecycles configured = defaults.withGlobal(Map.of(AlertRule.ERROR_RATE, global))
        .withEndpoint("ep-1", Map.of(AlertRule.ERROR_RATE, own));

    assertThat(configured.of(AlertRule.ERROR_RATE, "ep-1")).isEqualTo(own);
    assertThat(configured.of(AlertRule.ERROR_RATE, "ep-2")).isEqualTo(global);
    assertThat(configured.of(AlertRule.HIGH_LATENCY, "ep-1")).isEqualTo(LifecycleSettings.SPAN);
  }

  @Test
  void anEndpointOverrideStillWinsWhenTheGlobalOneIsSetAfterIt() {
    LifecycleSettings own = new LifecycleSettings(0.05, 5 * MINUTE);

    RuleLifecycles configured = defaults.withEndpoint("ep-1", Map.of(AlertRule.ERROR_RATE, own))
        .withGlobal(Map.of(AlertRule.ERROR_RATE, new LifecycleSettings(0.2, 30 * MINUTE)));

    assertThat(configured.of(AlertRule.ERROR_RATE, "ep-1")).isEqualTo(own);
  }

  @Test
  void overridesOfOneEndpointAddUp() {
    LifecycleSettings errors = new LifecycleSettings(0.05, 5 * MINUTE);
    LifecycleSettings queue = new LifecycleSettings(0.3, 0);

    RuleLifecycles configured = defaults.withEndpoint("ep-1", Map.of(AlertRule.ERROR_RATE, errors))
        .withEndpoint("ep-1", Map.of(AlertRule.QUEUE_DEPTH, queue));

    assertThat(configured.of(AlertRule.ERROR_RATE, "ep-1")).isEqualTo(errors);
    assertThat(configured.of(AlertRule.QUEUE_DEPTH, "ep-1")).isEqualTo(queue);
  }

  @Test
  void settingsOutOfRangeAreRefused() {
    assertThatThrownBy(() -> new LifecycleSettings(1.0, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hysteresis 1.0").hasMessageContaining("0 (inclusive) to 1 (exclusive)");
    assertThatThrownBy(() -> new LifecycleSettings(-0.1, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hysteresis -0.1");
    assertThatThrownBy(() -> new LifecycleSettings(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LifecycleSettings.SPAN.withClearMs(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1 ms").hasMessageContaining(">= 0");
  }
}
