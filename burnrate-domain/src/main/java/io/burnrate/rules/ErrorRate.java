package io.burnrate.rules;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;

/** ERROR_RATE: errors over requests in any 60 minutes above the limit, judged over enough requests. */
public final class ErrorRate extends FixedFacts implements SpanRule {
  public ErrorRate() {
    super(AlertRule.ERROR_RATE, Severity.CRITICAL, "ratio", 0.01);
  }

  @Override
  public Reading judge(SpanFigures span, EndpointSettings endpoint, double hysteresis) {
    SpanSums hour = span.hour();
    if (hour.requests < span.minRequests()) {
      return Reading.UNJUDGED;
    }
    return Reading.above((double) hour.errors / hour.requests, endpoint.thresholds().get(id()), hysteresis);
  }

  @Override
  public String firingMessage(SpanFigures span, EndpointSettings endpoint, Reading reading) {
    return String.format("%s failed %d of %d requests (%s) in the last 60 minutes, above %s",
        endpoint.endpointId(), span.hour().errors, span.hour().requests,
        RuleTexts.percent(reading.observed(), reading.threshold()),
        RuleTexts.percent(reading.threshold(), reading.observed()));
  }

  @Override
  public String resolvedMessage(SpanFigures span, EndpointSettings endpoint, Reading reading) {
    double limit = endpoint.thresholds().get(id());
    return String.format("%s error rate is back to %s over the last 60 minutes (limit %s)", endpoint.endpointId(),
        reading.judged() ? RuleTexts.percent(reading.observed(), limit) : "too few requests to judge",
        RuleTexts.percent(limit, reading.observed()));
  }
}
