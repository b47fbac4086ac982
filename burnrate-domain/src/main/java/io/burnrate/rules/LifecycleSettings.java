package io.burnrate.rules;

import io.burnrate.core.Time;

/**
 * How an episode of a rule ends: once the value has stayed at or below the threshold less {@code
 * hysteresis} (a fraction of the threshold) for {@code clearMs} of event time. Rules judged once per
 * closed hour count the clear time from the end of their first clear hour, so 0 resolves on the first
 * clear closed hour.
 */
public record LifecycleSettings(double hysteresis, long clearMs) {
  /** Sliding-span, baseline and replica rules: 10 % below the line for 15 minutes. */
  public static final LifecycleSettings SPAN = new LifecycleSettings(0.10, 15 * Time.MINUTE_MS);
  /** Closed-hour rules: 10 % on the safe side of the line for one closed hour. */
  public static final LifecycleSettings CLOSED_HOUR = new LifecycleSettings(0.10, 0);
  /** Budget-day rules end with their budget day (or a raised budget): no hysteresis, no clear time. */
  public static final LifecycleSettings BUDGET_DAY = new LifecycleSettings(0, 0);

  public LifecycleSettings {
    if (!(hysteresis >= 0 && hysteresis < 1)) {
      throw new IllegalArgumentException("hysteresis " + hysteresis
          + " is out of range: a fraction of the threshold from 0 (inclusive) to 1 (exclusive), e.g. 0.1");
    }
    if (clearMs < 0) {
      throw new IllegalArgumentException("clear time " + clearMs + " ms is negative: must be >= 0");
    }
  }

  public LifecycleSettings withHysteresis(double value) {
    return new LifecycleSettings(value, clearMs);
  }

  public LifecycleSettings withClearMs(long value) {
    return new LifecycleSettings(hysteresis, value);
  }
}
