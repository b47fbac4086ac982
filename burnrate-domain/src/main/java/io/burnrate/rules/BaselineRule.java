package io.burnrate.rules;

/**
 * A rule over a sliding span against the seasonal baseline. Its "normal" is an estimate, so it fires
 * only through the lifecycle's noise gate: a few breached evaluations over minutes.
 */
public interface BaselineRule extends Rule {
  /** {@link Reading#UNJUDGED} while the baseline warms up. */
  Reading judge(SpanFigures span, EndpointSettings endpoint, double hysteresis);

  String firingMessage(SpanFigures span, EndpointSettings endpoint, Reading reading);

  String resolvedMessage(SpanFigures span, EndpointSettings endpoint, Reading reading);

  @Override
  default boolean movingThreshold() {
    return true;
  }
}
