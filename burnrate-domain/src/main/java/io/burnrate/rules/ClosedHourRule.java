package io.burnrate.rules;

/**
 * A rule judged once per closed hour (and again when a late bill changes the hour). Consecutive
 * breaching hours are one episode; the first clear hour resolves it.
 */
public interface ClosedHourRule extends Rule {
  Reading judge(HourFigures hour, EndpointSettings endpoint, double hysteresis);

  String firingMessage(HourFigures hour, EndpointSettings endpoint, Reading reading);

  /** Cost per request is judged against each hour's own usual level. */
  @Override
  default boolean movingThreshold() {
    return true;
  }

  @Override
  default LifecycleSettings defaultLifecycle() {
    return LifecycleSettings.CLOSED_HOUR;
  }
}
