package io.burnrate.rules;

import io.burnrate.core.Money;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;

/** COST_SPIKE: spend in the last 60 minutes above factor x the seasonal baseline for that time of the week. */
public final class CostSpike extends FixedFacts implements BaselineRule {
  public CostSpike() {
    super(AlertRule.COST_SPIKE, Severity.WARNING, "USD", 2.0);
  }

  @Override
  public Reading judge(SpanFigures span, EndpointSettings endpoint, double hysteresis) {
    double expected = span.expectedSpendMicros();
    if (Double.isNaN(expected)) {
      return Reading.UNJUDGED;
    }
    double limit = endpoint.thresholds().get(id()) * expected;
    return Reading.above(Money.usd(span.hour().spendMicros()), limit / 1_000_000.0, hysteresis)
        .withBaseline(expected / 1_000_000.0);
  }

  @Override
  public String firingMessage(SpanFigures span, EndpointSettings endpoint, Reading reading) {
    long spend = span.hour().spendMicros();
    return String.format("%s spent %s (%s) in the last 60 minutes, %.1fx its usual %s for this time of the week"
            + " (limit %s)", endpoint.endpointId(), RuleTexts.usd(reading.observed(), reading.threshold()),
        span.hour().source(), spend / span.expectedSpendMicros(), Money.format(Math.round(span.expectedSpendMicros())),
        RuleTexts.usd(reading.threshold(), reading.observed()));
  }

  @Override
  public String resolvedMessage(SpanFigures span, EndpointSettings endpoint, Reading reading) {
    return String.format("%s spend over the last 60 minutes is back to %s (usual %s)", endpoint.endpointId(),
        Money.format(span.hour().spendMicros()), Double.isNaN(span.expectedSpendMicros()) ? "not known"
            : Money.format(Math.round(span.expectedSpendMicros())));
  }
}
