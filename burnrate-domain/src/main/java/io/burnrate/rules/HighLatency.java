package io.burnrate.rules;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;

/**
 * HIGH_LATENCY: the p95 of warm requests in any 60 minutes above the limit, over enough requests.
 * The p95 is above the limit exactly when more than 5 % of the warm requests were slower than it, so
 * the judgement is exact from two counters per minute; the figure reported is the span's p95,
 * estimated within its {@link LatencyBins} bin, which lies wholly above the limit when it fires and at
 * or below the hysteresis line when it clears.
 */
public final class HighLatency extends FixedFacts implements SpanRule {
  public HighLatency() {
    super(AlertRule.HIGH_LATENCY, Severity.WARNING, "ms", 500);
  }

  @Override
  public Reading judge(SpanFigures span, EndpointSettings endpoint, double hysteresis) {
    SpanSums hour = span.hour();
    if (hour.warmRequests < span.minRequests()) {
      return Reading.UNJUDGED;
    }
    double limit = endpoint.thresholds().get(id());
    boolean breached = hour.slowRequests * 20 > hour.warmRequests;
    long[] bins = hour.latencyBins();
    boolean clear = !breached && LatencyBins.above(bins, 1 - hysteresis) * 20 <= hour.warmRequests;
    double p95 = LatencyBins.p95(bins, limit, hour.slowestMs);
    return new Reading(breached, clear, p95, limit, Double.NaN);
  }

  @Override
  public String firingMessage(SpanFigures span, EndpointSettings endpoint, Reading reading) {
    return String.format("%s p95 latency is %s ms over the last 60 minutes (%d of %d warm requests slower than %s ms)",
        endpoint.endpointId(), AlertFigures.number(reading.observed(), unit(), reading.threshold()),
        span.hour().slowRequests, span.hour().warmRequests, RuleTexts.plain(reading.threshold()));
  }

  @Override
  public String resolvedMessage(SpanFigures span, EndpointSettings endpoint, Reading reading) {
    if (!reading.judged()) {
      return String.format("%s p95 latency can no longer be judged: %d warm requests in the last 60 minutes",
          endpoint.endpointId(), span.hour().warmRequests);
    }
    return String.format("%s p95 latency is back to %s ms over the last 60 minutes (limit %s ms, %d of %d warm"
        + " requests slower)", endpoint.endpointId(), AlertFigures.number(reading.observed(), unit(), reading.threshold()),
        RuleTexts.plain(reading.threshold()),
        span.hour().slowRequests, span.hour().warmRequests);
  }
}
