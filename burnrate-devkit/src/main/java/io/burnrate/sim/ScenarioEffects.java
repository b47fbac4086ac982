package io.burnrate.sim;

import java.util.List;

/**
 * What an endpoint's scenario windows do to it at a given instant: more or fewer requests, shorter
 * service times, a billing premium, a runaway autoscaler, or death-spiral bursts. An endpoint without
 * scenarios has no effect at any time.
 */
final class ScenarioEffects {
  static final double BUDGET_OVERRUN_RATE = 4.0;
  /**
   * A BUDGET_OVERRUN's requests are longer (long documents): 2.5 times the work each, so that on a
   * working day the window drives the spend clearly past 200 % of budget.
   */
  static final double BUDGET_OVERRUN_WORK = 2.5;
  /** ... and its load builds up over the first half hour, as a batch job ramps up. */
  static final long BUDGET_OVERRUN_RAMP_MS = 30 * 60_000L;
  static final double TRAFFIC_SURGE_RATE = 8.0;
  static final double SMALL_MODEL_SERVICE = 0.05;
  static final double PRICIER_REGION_PREMIUM = 1.4;
  static final long RUNAWAY_STEP_MS = 7 * 60_000L;
  static final long SPIRAL_PERIOD_MS = 15 * 60_000L;
  static final long SPIRAL_BURST_MS = 3 * 60_000L;
  /** Work of a death-spiral burst, in busy replica-equivalents: it wakes four replicas. */
  static final double SPIRAL_BURST_LOAD = 2.2;

  static final ScenarioEffects NONE = new ScenarioEffects(List.of());

  private final ScenarioWindow[] windows;

  ScenarioEffects(List<ScenarioWindow> windows) {
    this.windows = windows.toArray(new ScenarioWindow[0]);
  }

  boolean isEmpty() {
    return windows.length == 0;
  }

  private ScenarioWindow active(Scenario scenario, long t) {
    for (int i = 0; i < windows.length; i++) {
      ScenarioWindow window = windows[i];
      if (window.scenario() == scenario && window.contains(t)) {
        return window;
      }
    }
    return null;
  }

  /** Multiplier of the usual request rate. */
  double rateFactor(long t) {
    if (active(Scenario.TRAFFIC_SURGE, t) != null) {
      return TRAFFIC_SURGE_RATE;
    }
    ScenarioWindow overrun = active(Scenario.BUDGET_OVERRUN, t);
    if (overrun != null) {
      double ramp = Math.min(1.0, (t - overrun.startMs()) / (double) BUDGET_OVERRUN_RAMP_MS);
      return 1 + ramp * (BUDGET_OVERRUN_RATE - 1);
    }
    return 1.0;
  }

  /** Multiplier of the usual service time of a request. */
  double serviceFactor(long t) {
    if (active(Scenario.OVER_PROVISIONED, t) != null) {
      return SMALL_MODEL_SERVICE;
    }
    return active(Scenario.BUDGET_OVERRUN, t) != null ? BUDGET_OVERRUN_WORK : 1.0;
  }

  /** Multiplier of the list price on the bill. */
  double billingFactor(long t) {
    return active(Scenario.PRICIER_REGION, t) != null ? PRICIER_REGION_PREMIUM : 1.0;
  }

  boolean smallModel(long t) {
    return active(Scenario.OVER_PROVISIONED, t) != null;
  }

  boolean runaway(long t) {
    return active(Scenario.RUNAWAY_SCALING, t) != null;
  }

  boolean deathSpiral(long t) {
    return active(Scenario.DEATH_SPIRAL, t) != null;
  }

  /** In a death-spiral window: whether {@code t} falls in one of its bursts (else the endpoint is idle). */
  boolean inSpiralBurst(long t) {
    ScenarioWindow window = active(Scenario.DEATH_SPIRAL, t);
    return window != null && Math.floorMod(t - window.startMs(), SPIRAL_PERIOD_MS) < SPIRAL_BURST_MS;
  }

  /** The next instant after {@code t} at which some window starts or ends, or Long.MAX_VALUE. */
  long nextBoundaryAfter(long t) {
    long next = Long.MAX_VALUE;
    for (int i = 0; i < windows.length; i++) {
      ScenarioWindow window = windows[i];
      if (window.startMs() > t) {
        next = Math.min(next, window.startMs());
      }
      if (window.endMs() > t) {
        next = Math.min(next, window.endMs());
      }
    }
    return next;
  }
}
