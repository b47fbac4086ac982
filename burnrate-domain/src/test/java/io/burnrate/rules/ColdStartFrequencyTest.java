package io.burnrate.rules;

import static io.burnrate.rules.RuleFigures.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.engine.Fixtures;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.ScalingAction;
import io.burnrate.schema.Severity;
import org.junit.jupiter.api.Test;

/** COLD_START_FREQUENCY: cold starts in the last 60 minutes against the limit (10). */
class ColdStartFrequencyTest {
  private static final double H = 0.10;
  private final ColdStartFrequency rule = new ColdStartFrequency();
  private final EndpointSettings endpoint = Fixtures.endpoint().build();

  private static SpanFigures coldStarts(long count) {
    SpanSums hour = new SpanSums();
    hour.coldStarts = count;
    return span(hour);
  }

  @Test
  void factsOfTheRule() {
    assertThat(rule.id()).isEqualTo(AlertRule.COLD_START_FREQUENCY);
    assertThat(rule.defaultThreshold()).isEqualTo(10.0);
    assertThat(rule.severity()).isEqualTo(Severity.WARNING);
    assertThat(rule.unit()).isEqualTo("cold starts/hour");
  }

  @Test
  void exactlyTheLimitDoesNotBreach() {
    Reading reading = rule.judge(coldStarts(10), endpoint, H);

    assertThat(reading.breached()).isFalse();
    assertThat(reading.clear()).isFalse();
    assertThat(reading.observed()).isEqualTo(10.0);
    assertThat(reading.threshold()).isEqualTo(10.0);
  }

  @Test
  void oneColdStartAboveTheLimitBreaches() {
    Reading reading = rule.judge(coldStarts(11), endpoint, H);

    assertThat(reading.breached()).isTrue();
    assertThat(reading.observed()).isGreaterThan(reading.threshold());
  }

  @Test
  void theConfiguredLimitIsTheLine() {
    EndpointSettings tolerant = Fixtures.endpoint().threshold(AlertRule.COLD_START_FREQUENCY, 20).build();

    assertThat(rule.judge(coldStarts(20), tolerant, H).breached()).isFalse();
    assertThat(rule.judge(coldStarts(21), tolerant, H).breached()).isTrue();
  }

  @Test
  void clearOnlyAtOrBelowTheHysteresisLine() {
    assertThat(rule.judge(coldStarts(9), endpoint, H).clear()).isTrue();
    assertThat(rule.judge(coldStarts(0), endpoint, H).clear()).isTrue();
    assertThat(rule.judge(coldStarts(8), endpoint, 0.2).clear()).isTrue();
    assertThat(rule.judge(coldStarts(9), endpoint, 0.2).clear()).isFalse();
    assertThat(rule.judge(coldStarts(9), endpoint, 0.2).breached()).isFalse();
  }

  @Test
  void keepsOneWarmReplicaWhenTheEndpointScalesToZero() {
    EndpointSettings scalesToZero = Fixtures.endpoint().minReplicas(0).build();

    assertThat(rule.command(scalesToZero)).hasValueSatisfying(command -> {
      assertThat(command.action()).isEqualTo(ScalingAction.SET_MIN_REPLICAS);
      assertThat(command.targetReplicas()).isEqualTo(1);
      assertThat(command.description()).contains("min_replicas 0 -> 1");
    });
  }

  @Test
  void proposesNothingWhenAReplicaIsAlreadyKeptWarm() {
    assertThat(rule.command(Fixtures.endpoint().minReplicas(1).build())).isEmpty();
    assertThat(rule.command(Fixtures.endpoint().minReplicas(3).build())).isEmpty();
  }

  @Test
  void firingMessageGivesTheCountAndTheLimit() {
    String message = rule.firingMessage(coldStarts(14), endpoint, rule.judge(coldStarts(14), endpoint, H));

    assertThat(message).contains(Fixtures.ENDPOINT, "14 cold starts", "last 60 minutes", "limit 10");
  }

  @Test
  void resolvedMessageGivesTheCountAndTheLimit() {
    assertThat(rule.resolvedMessage(coldStarts(3), endpoint, rule.judge(coldStarts(3), endpoint, H)))
        .contains(Fixtures.ENDPOINT, "back to 3", "limit 10");
  }
}
