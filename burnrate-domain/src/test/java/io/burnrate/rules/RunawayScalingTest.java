package io.burnrate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.engine.Fixtures;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.ScalingAction;
import io.burnrate.schema.Severity;
import org.junit.jupiter.api.Test;

/** RUNAWAY_SCALING: the replica count against the endpoint's expected_max_replicas (10 here). */
class RunawayScalingTest {
  private static final double H = 0.10;
  private final RunawayScaling rule = new RunawayScaling();
  private final EndpointSettings endpoint = Fixtures.endpoint().expectedMaxReplicas(10).build();

  @Test
  void factsOfTheRule() {
    assertThat(rule.id()).isEqualTo(AlertRule.RUNAWAY_SCALING);
    assertThat(rule.defaultThreshold()).isNaN();
    assertThat(rule.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(rule.unit()).isEqualTo("replicas");
  }

  @Test
  void exactlyTheExpectedMaximumDoesNotBreach() {
    Reading reading = rule.judge(10, endpoint, H);

    assertThat(reading.breached()).isFalse();
    assertThat(reading.clear()).isFalse();
    assertThat(reading.observed()).isEqualTo(10.0);
    assertThat(reading.threshold()).isEqualTo(10.0);
  }

  @Test
  void oneReplicaAboveTheExpectedMaximumBreaches() {
    Reading reading = rule.judge(11, endpoint, H);

    assertThat(reading.breached()).isTrue();
    assertThat(reading.observed()).isGreaterThan(reading.threshold());
  }

  @Test
  void aConfiguredThresholdReplacesTheExpectedMaximum() {
    EndpointSettings overridden = Fixtures.endpoint().expectedMaxReplicas(10)
        .threshold(AlertRule.RUNAWAY_SCALING, 15).build();

    assertThat(rule.judge(15, overridden, H).breached()).isFalse();
    assertThat(rule.judge(16, overridden, H).breached()).isTrue();
    assertThat(rule.judge(16, overridden, H).threshold()).isEqualTo(15.0);
  }

  @Test
  void clearOnlyAtOrBelowTheHysteresisLine() {
    assertThat(rule.judge(9, endpoint, H).clear()).isTrue();
    assertThat(rule.judge(1, endpoint, H).clear()).isTrue();
    assertThat(rule.judge(8, endpoint, 0.2).clear()).isTrue();
    assertThat(rule.judge(9, endpoint, 0.2).clear()).isFalse();
    assertThat(rule.judge(9, endpoint, 0.2).breached()).isFalse();
  }

  @Test
  void scalesDownToTheExpectedMaximum() {
    EndpointSettings expectsSix = Fixtures.endpoint().expectedMaxReplicas(6).build();

    assertThat(rule.command(expectsSix)).hasValueSatisfying(command -> {
      assertThat(command.action()).isEqualTo(ScalingAction.SCALE_DOWN);
      assertThat(command.targetReplicas()).isEqualTo(6);
      assertThat(command.description()).contains("expected_max_replicas 6");
    });
  }

  @Test
  void firingMessageGivesTheReplicasAndTheExpectedMaximum() {
    assertThat(rule.firingMessage(14, endpoint, rule.judge(14, endpoint, H)))
        .contains(Fixtures.ENDPOINT, "scaled to 14 replicas", "expected maximum of 10", "runaway scaling");
  }

  @Test
  void resolvedMessageGivesTheReplicasAndTheExpectedMaximum() {
    assertThat(rule.resolvedMessage(7, endpoint, rule.judge(7, endpoint, H)))
        .contains(Fixtures.ENDPOINT, "back to 7 replicas", "expected maximum 10");
  }
}
