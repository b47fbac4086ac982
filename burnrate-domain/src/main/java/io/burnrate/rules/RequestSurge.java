package io.burnrate.rules;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;

/** REQUEST_SURGE: requests in the last 60 minutes above factor x the seasonal baseline: a traffic surge. */
public final class RequestSurge extends FixedFacts implements BaselineRule {
  public RequestSurge() {
    super(AlertRule.REQUEST_SURGE, Severity.CRITICAL, "requests/hour", 5.0);
  }

  @Override
  public Reading judge(SpanFigures span, EndpointSettings endpoint, double hysteresis) {
    double expected = span.expectedRequests();
    if (Double.isNaN(expected)) {
      return Reading.UNJUDGED;
    }
    return Reading.above(span.hour().requests, endpoint.thresholds().get(id()) * expected, hysteresis)
        .withBaseline(expected);
  }

  @Override
  public String firingMessage(SpanFigures span, EndpointSettings endpoint, Reading reading) {
    return String.format("%s served %d requests in the last 60 minutes, %.1fx its usual %.0f for this time of the"
        + " week: traffic surge", endpoint.endpointId(), span.hour().requests,
        span.hour().requests / span.expectedRequests(), span.expectedRequests());
  }

  @Override
  public String resolvedMessage(SpanFigures span, EndpointSettings endpoint, Reading reading) {
    return String.format("%s traffic is back to %d requests in the last 60 minutes (usual %s)",
        endpoint.endpointId(), span.hour().requests, Double.isNaN(span.expectedRequests()) ? "not known"
            : String.format("%.0f", span.expectedRequests()));
  }
}
