package io.burnrate.rules;

import static io.burnrate.rules.RuleFigures.span;
import static io.burnrate.rules.RuleFigures.spend;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.engine.Fixtures;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;
import org.junit.jupiter.api.Test;

/** COST_SPIKE: spend in the last 60 minutes against factor (2) x the seasonal baseline. */
class CostSpikeTest {
  private static final double H = 0.10;
  /** Usually $5.00 in these 60 minutes: the limit is $10.00, the hysteresis line $9.00. */
  private static final double USUAL_MICROS = 5_000_000;
  private final CostSpike rule = new CostSpike();
  private final EndpointSettings endpoint = Fixtures.endpoint().build();

  private Reading judge(long spendMicros, double hysteresis) {
    return rule.judge(span(spend(spendMicros), USUAL_MICROS, 100), endpoint, hysteresis);
  }

  @Test
  void factsOfTheRule() {
    assertThat(rule.id()).isEqualTo(AlertRule.COST_SPIKE);
    assertThat(rule.defaultThreshold()).isEqualTo(2.0);
    assertThat(rule.severity()).isEqualTo(Severity.WARNING);
    assertThat(rule.unit()).isEqualTo("USD");
    assertThat(rule.command(endpoint)).isEmpty();
  }

  @Test
  void exactlyTwiceTheUsualSpendDoesNotBreach() {
    Reading reading = judge(10_000_000, H);

    assertThat(reading.breached()).isFalse();
    assertThat(reading.clear()).isFalse();
    assertThat(reading.observed()).isEqualTo(10.0);
    assertThat(reading.threshold()).isEqualTo(10.0);
    assertThat(reading.baseline()).isEqualTo(5.0);
  }

  @Test
  void oneMicroDollarAboveBreaches() {
    Reading reading = judge(10_000_001, H);

    assertThat(reading.breached()).isTrue();
    assertThat(reading.observed()).isGreaterThan(reading.threshold());
    assertThat(reading.baseline()).isEqualTo(5.0);
  }

  @Test
  void theConfiguredFactorScalesTheLimit() {
    EndpointSettings tolerant = Fixtures.endpoint().threshold(AlertRule.COST_SPIKE, 3.0).build();

    assertThat(rule.judge(span(spend(15_000_000), USUAL_MICROS, 100), tolerant, H).breached()).isFalse();
    assertThat(rule.judge(span(spend(15_000_001), USUAL_MICROS, 100), tolerant, H).breached()).isTrue();
  }

  @Test
  void clearOnlyAtOrBelowTheHysteresisLine() {
    assertThat(judge(9_000_000, H).clear()).isTrue();
    assertThat(judge(4_000_000, H).clear()).isTrue();
    assertThat(judge(9_000_001, H).clear()).isFalse();
    assertThat(judge(9_000_001, H).breached()).isFalse();
    assertThat(judge(8_000_000, 0.2).clear()).isTrue();
    assertThat(judge(8_000_001, 0.2).clear()).isFalse();
  }

  @Test
  void notJudgedWhileTheBaselineWarmsUp() {
    assertThat(rule.judge(span(spend(90_000_000), Double.NaN, 100), endpoint, H)).isSameAs(Reading.UNJUDGED);
  }

  @Test
  void firingMessageGivesTheSpendHowManyTimesTheUsualAndTheUsual() {
    SpanFigures figures = span(spend(12_000_000), USUAL_MICROS, 100);

    String message = rule.firingMessage(figures, endpoint, rule.judge(figures, endpoint, H));

    assertThat(message).contains(Fixtures.ENDPOINT, "$12.00 (metered)", "last 60 minutes", "2.4x its usual $5.00");
  }

  @Test
  void resolvedMessageGivesTheSpendAndTheUsual() {
    SpanFigures figures = span(spend(4_500_000), USUAL_MICROS, 100);

    assertThat(rule.resolvedMessage(figures, endpoint, rule.judge(figures, endpoint, H)))
        .contains(Fixtures.ENDPOINT, "back to $4.50", "usual $5.00");
  }

  @Test
  void resolvedMessageSaysWhenTheUsualIsNotKnown() {
    SpanFigures figures = span(spend(4_500_000), Double.NaN, Double.NaN);

    assertThat(rule.resolvedMessage(figures, endpoint, rule.judge(figures, endpoint, H)))
        .contains("usual not known").doesNotContain("NaN");
  }
}
