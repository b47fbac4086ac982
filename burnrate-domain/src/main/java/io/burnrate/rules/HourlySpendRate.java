package io.burnrate.rules;

import io.burnrate.core.Money;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;

/** HOURLY_SPEND_RATE: spend in any 60 minutes above the daily budget / 24 x factor. */
public final class HourlySpendRate extends FixedFacts implements SpanRule {
  public HourlySpendRate() {
    super(AlertRule.HOURLY_SPEND_RATE, Severity.WARNING, "USD", 1.0);
  }

  static long limitMicros(EndpointSettings endpoint) {
    return Math.round(endpoint.dailyBudgetMicros() * endpoint.thresholds().get(AlertRule.HOURLY_SPEND_RATE) / 24.0);
  }

  @Override
  public Reading judge(SpanFigures span, EndpointSettings endpoint, double hysteresis) {
    if (endpoint.dailyBudgetMicros() <= 0) {
      return Reading.UNJUDGED;
    }
    return Reading.above(Money.usd(span.hour().spendMicros()), Money.usd(limitMicros(endpoint)), hysteresis);
  }

  @Override
  public String firingMessage(SpanFigures span, EndpointSettings endpoint, Reading reading) {
    return String.format("%s spent %s (%s) in the last 60 minutes, above the hourly rate of its %s daily budget (%s/h)",
        endpoint.endpointId(), RuleTexts.usd(reading.observed(), reading.threshold()), span.hour().source(),
        Money.format(endpoint.dailyBudgetMicros()), RuleTexts.usd(reading.threshold(), reading.observed()));
  }

  @Override
  public String resolvedMessage(SpanFigures span, EndpointSettings endpoint, Reading reading) {
    return String.format("%s spend over the last 60 minutes is back to %s, within %s/h",
        endpoint.endpointId(), RuleTexts.usd(reading.observed(), reading.threshold()),
        RuleTexts.usd(reading.threshold(), reading.observed()));
  }
}
