package io.burnrate.rules;

import static io.burnrate.rules.RuleFigures.span;
import static io.burnrate.rules.RuleFigures.spend;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.engine.Fixtures;
import io.burnrate.meter.Category;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;
import org.junit.jupiter.api.Test;

/** HOURLY_SPEND_RATE: spend in the last 60 minutes against daily budget / 24 x factor. */
class HourlySpendRateTest {
  private static final double H = 0.10;
  private final HourlySpendRate rule = new HourlySpendRate();
  /** $240 a day: $10.00 an hour, the hysteresis line at $9.00. */
  private final EndpointSettings endpoint = Fixtures.endpoint().budget(240).build();

  @Test
  void factsOfTheRule() {
    assertThat(rule.id()).isEqualTo(AlertRule.HOURLY_SPEND_RATE);
    assertThat(rule.defaultThreshold()).isEqualTo(1.0);
    assertThat(rule.severity()).isEqualTo(Severity.WARNING);
    assertThat(rule.unit()).isEqualTo("USD");
    assertThat(rule.command(endpoint)).isEmpty();
  }

  @Test
  void exactlyTheHourlyRateDoesNotBreach() {
    Reading reading = rule.judge(span(spend(10_000_000)), endpoint, H);

    assertThat(reading.breached()).isFalse();
    assertThat(reading.clear()).isFalse();
    assertThat(reading.observed()).isEqualTo(10.0);
    assertThat(reading.threshold()).isEqualTo(10.0);
  }

  @Test
  void oneMicroDollarAboveTheHourlyRateBreaches() {
    Reading reading = rule.judge(span(spend(10_000_001)), endpoint, H);

    assertThat(reading.breached()).isTrue();
    assertThat(reading.clear()).isFalse();
    assertThat(reading.observed()).isGreaterThan(reading.threshold());
  }

  @Test
  void theFactorScalesTheHourlyRate() {
    EndpointSettings lenient = Fixtures.endpoint().budget(240).threshold(AlertRule.HOURLY_SPEND_RATE, 1.5).build();

    assertThat(rule.judge(span(spend(15_000_000)), lenient, H).breached()).isFalse();
    assertThat(rule.judge(span(spend(15_000_001)), lenient, H).breached()).isTrue();
    assertThat(rule.judge(span(spend(15_000_001)), lenient, H).threshold()).isEqualTo(15.0);
  }

  @Test
  void betweenTheRateAndTheHysteresisLineIsNeitherBreachedNorClear() {
    Reading reading = rule.judge(span(spend(9_000_001)), endpoint, H);

    assertThat(reading.breached()).isFalse();
    assertThat(reading.clear()).isFalse();
  }

  @Test
  void atOrBelowTheHysteresisLineIsClear() {
    assertThat(rule.judge(span(spend(9_000_000)), endpoint, H).clear()).isTrue();
    assertThat(rule.judge(span(spend(2_000_000)), endpoint, H).clear()).isTrue();
    assertThat(rule.judge(span(spend(8_000_000)), endpoint, 0.2).clear()).isTrue();
    assertThat(rule.judge(span(spend(8_000_001)), endpoint, 0.2).clear()).isFalse();
  }

  @Test
  void anEndpointWithoutABudgetIsNotJudged() {
    EndpointSettings noBudget = Fixtures.endpoint().budget(0).build();

    assertThat(rule.judge(span(spend(50_000_000)), noBudget, H)).isSameAs(Reading.UNJUDGED);
  }

  @Test
  void aBillLargerThanTheMeterIsWhatCounts() {
    SpanSums hour = spend(8_000_000);
    hour.billed[Category.COMPUTE] = 11_000_000;

    Reading reading = rule.judge(span(hour), endpoint, H);

    assertThat(reading.breached()).isTrue();
    assertThat(reading.observed()).isEqualTo(11.0);
    assertThat(rule.firingMessage(span(hour), endpoint, reading)).contains("$11.00 (billed)");
  }

  @Test
  void firingMessageGivesTheSpendTheBudgetAndTheHourlyRate() {
    SpanFigures figures = span(spend(10_500_000));

    String message = rule.firingMessage(figures, endpoint, rule.judge(figures, endpoint, H));

    assertThat(message).contains(Fixtures.ENDPOINT, "$10.50 (metered)", "last 60 minutes", "$240 daily budget",
        "$10.00/h");
  }

  @Test
  void resolvedMessageGivesTheSpendAndTheHourlyRate() {
    SpanFigures figures = span(spend(8_250_000));

    assertThat(rule.resolvedMessage(figures, endpoint, rule.judge(figures, endpoint, H)))
        .contains(Fixtures.ENDPOINT, "$8.25", "$10.00/h");
  }
}
