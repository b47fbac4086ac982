package io.burnrate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.engine.Fixtures;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** AUTOSCALING_THRASH: scale-ups in the budget day against the limit (50). */
class AutoscalingThrashTest {
  private static final long DAY_START = Fixtures.at("2024-03-05T00:00:00Z");
  private final AutoscalingThrash rule = new AutoscalingThrash();
  private final EndpointSettings endpoint = Fixtures.endpoint().build();

  private static DayFigures day(long scaleUps, long transferMicros) {
    return new DayFigures(DAY_START, DAY_START + 24 * Fixtures.HOUR, LocalDate.of(2024, 3, 5), 40_000_000, "metered",
        scaleUps, transferMicros);
  }

  @Test
  void factsOfTheRule() {
    assertThat(rule.id()).isEqualTo(AlertRule.AUTOSCALING_THRASH);
    assertThat(rule.defaultThreshold()).isEqualTo(50.0);
    assertThat(rule.severity()).isEqualTo(Severity.WARNING);
    assertThat(rule.unit()).isEqualTo("scale-ups/day");
    assertThat(rule.defaultLifecycle()).isEqualTo(LifecycleSettings.BUDGET_DAY);
    assertThat(rule.command(endpoint)).isEmpty();
  }

  @Test
  void exactlyTheLimitDoesNotBreach() {
    Reading reading = rule.judge(day(50, 0), endpoint);

    assertThat(reading.breached()).isFalse();
    assertThat(reading.clear()).isTrue();
    assertThat(reading.observed()).isEqualTo(50.0);
    assertThat(reading.threshold()).isEqualTo(50.0);
  }

  @Test
  void oneScaleUpAboveTheLimitBreaches() {
    Reading reading = rule.judge(day(51, 0), endpoint);

    assertThat(reading.breached()).isTrue();
    assertThat(reading.clear()).isFalse();
    assertThat(reading.observed()).isGreaterThan(reading.threshold());
  }

  @Test
  void theConfiguredLimitIsTheLine() {
    EndpointSettings tolerant = Fixtures.endpoint().threshold(AlertRule.AUTOSCALING_THRASH, 80).build();

    assertThat(rule.judge(day(80, 0), tolerant).breached()).isFalse();
    assertThat(rule.judge(day(81, 0), tolerant).breached()).isTrue();
  }

  @Test
  void firingMessageGivesTheScaleUpsTheLimitAndWhatTheyCost() {
    DayFigures figures = day(51, 38_400_000);

    String message = rule.firingMessage(figures, endpoint, rule.judge(figures, endpoint));

    assertThat(message).contains(Fixtures.ENDPOINT, "scaled up 51 times", "2024-03-05", "limit 50",
        "$38.40 of model downloads", "$102-$255");
  }

  @Test
  void resolvedMessageGivesTheDayAndItsScaleUps() {
    assertThat(rule.resolvedMessage(day(63, 0), endpoint, null))
        .contains(Fixtures.ENDPOINT, "budget day 2024-03-05 is over", "63 scale-ups");
  }
}
