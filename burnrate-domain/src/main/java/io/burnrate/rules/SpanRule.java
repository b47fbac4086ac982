package io.burnrate.rules;

/**
 * A seed-threshold rule over a sliding span, judged at every record and tick of its endpoint. It
 * fires on the first evaluation that crosses the threshold (detection within the minute).
 */
public interface SpanRule extends Rule {
  Reading judge(SpanFigures span, EndpointSettings endpoint, double hysteresis);

  String firingMessage(SpanFigures span, EndpointSettings endpoint, Reading reading);

  String resolvedMessage(SpanFigures span, EndpointSettings endpoint, Reading reading);
}
