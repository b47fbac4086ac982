package io.burnrate.rules;

import io.burnrate.baseline.NoiseGate;

/**
 * One lifecycle for every rule: an incident is one episode with one alert id, one FIRING and one
 * RESOLVED.
 * <ul>
 *   <li>A seed threshold fires on the evaluation that first crosses it; a baseline rule (and the
 *       forecast) only once its breach has lasted the noise gate's evaluations and time.
 *   <li>While the episode is open the rule does not fire again, however the value moves.
 *   <li>It resolves once the value has stayed on the safe side of the threshold, less the rule's
 *       hysteresis, for its clear time ({@link LifecycleSettings}); a reading back over that line
 *       restarts the wait.
 *   <li>A rule whose threshold moves (a seasonal baseline's) judges an open episode clear against the
 *       threshold it fired on.
 *   <li>Advice (INFO) fires at most once per endpoint, rule and budget day: a later episode of the
 *       same day runs its course silently.
 * </ul>
 * Event time only: an evaluation older than the latest counts as happening at the latest's time.
 */
public final class AlertLifecycle {
  /** How long a breach must last before it fires. */
  public record Trigger(int minBreachEvaluations, long minBreachMs) {
    /** Seed thresholds: the first breached evaluation fires. */
    public static final Trigger AT_ONCE = new Trigger(1, 0);

    public static Trigger of(NoiseGate.Settings gate) {
      return new Trigger(gate.minBreachEvaluations(), gate.minBreachMs());
    }
  }

  /** What an evaluation asks the caller to emit. */
  public enum Transition {
    NONE,
    /** A new episode: emit its FIRING (and the rule's command). */
    FIRE,
    /** A new episode of advice already given this budget day: tracked, not emitted. */
    FIRE_SILENTLY,
    /** The open episode is over: emit its RESOLVED. */
    RESOLVE
  }

  private AlertLifecycle() {}

  /** A track for a rule that has none yet. */
  public static RuleTrack newTrack(Trigger trigger, LifecycleSettings lifecycle) {
    return new RuleTrack(new NoiseGate(gateSettings(trigger, lifecycle)));
  }

  /**
   * Feeds one reading at event time {@code at}. {@code budgetDay} is the start of the budget day
   * {@code at} falls in, for advice. On {@link Transition#FIRE} the caller opens the episode with
   * {@link #open}; on {@link Transition#RESOLVE} it emits the RESOLVED of {@link RuleTrack#open} and
   * calls {@link #close}.
   */
  public static Transition evaluate(
      RuleTrack track, Rule rule, Reading reading, long at, long budgetDay, Trigger trigger,
      LifecycleSettings lifecycle) {
    track.gate = track.gate.withSettings(gateSettings(trigger, lifecycle));
    Reading judged = track.open != null && rule.movingThreshold()
        ? reading.clearAgainst(track.open.threshold(), lifecycle.hysteresis(), rule.firesBelow()) : reading;
    NoiseGate.Signal signal = track.gate.evaluate(at, judged.breached(), judged.clear());
    return switch (signal) {
      case FIRE -> {
        if (rule.advice() && track.firedDay == budgetDay) {
          yield Transition.FIRE_SILENTLY;
        }
        yield Transition.FIRE;
      }
      case RESOLVE -> track.open == null ? Transition.NONE : Transition.RESOLVE;
      case NONE -> Transition.NONE;
    };
  }

  /** Records the episode a FIRE opened. */
  public static void open(RuleTrack track, Rule rule, Episode episode, long budgetDay) {
    track.open = episode;
    track.firedDay = budgetDay;
  }

  /** When the breach that fired (or is pending) began: the episode's start, for its alert id. */
  public static long breachStart(RuleTrack track) {
    return track.gate.breachStart();
  }

  public static void close(RuleTrack track) {
    track.open = null;
  }

  private static NoiseGate.Settings gateSettings(Trigger trigger, LifecycleSettings lifecycle) {
    return new NoiseGate.Settings(trigger.minBreachEvaluations(), trigger.minBreachMs(), lifecycle.hysteresis(),
        lifecycle.clearMs());
  }
}
