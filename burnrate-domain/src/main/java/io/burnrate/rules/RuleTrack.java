package io.burnrate.rules;

import io.burnrate.baseline.NoiseGate;

/**
 * Where one rule stands for one endpoint, kept between records: its gate (quiet, pending, firing,
 * clearing), the open episode whose RESOLVED is owed (null while quiet, and while an advice already
 * given today is suppressed), and the budget day of its last FIRING.
 */
public final class RuleTrack {
  public static final long NEVER = Long.MIN_VALUE;

  public NoiseGate gate;
  public Episode open;
  public long firedDay = NEVER;

  public RuleTrack(NoiseGate gate) {
    this.gate = gate;
  }

  /** Nothing pending, firing or owed: a tick cannot change it. */
  public boolean quiet() {
    return gate.phase() == NoiseGate.Phase.QUIET && open == null;
  }
}
