package io.burnrate.engine;

import io.burnrate.actions.CommandPolicy;
import io.burnrate.core.Time;
import io.burnrate.rules.EndpointSettings;
import io.burnrate.rules.RuleTrack;

/**
 * Applies one record (or one tick of stream time) to one endpoint's state and evaluates the rules on
 * the value after it, so that {@code observed} and {@code detected_at} never depend on caching or
 * commit timing. Deterministic: the same sequence of calls yields the same outputs.
 */
public final class EndpointEngine {
  private final PipelineSettings settings;
  private final CommandPolicy policy;

  public EndpointEngine(PipelineSettings settings) {
    this.settings = settings;
    this.policy = new CommandPolicy(settings.commandCooldownMs());
  }

  public PipelineSettings settings() {
    return settings;
  }

  public Outcome onRequest(
      EndpointState state, EndpointSettings endpoint, Events.Request request, SliceAccess slices, boolean replaying) {
    Step step = begin(state, endpoint, slices, replaying, request.timestamp());
    RequestRecording.apply(step, request);
    return finish(step, false);
  }

  public Outcome onReplica(
      EndpointState state, EndpointSettings endpoint, Events.Replica event, SliceAccess slices, boolean replaying) {
    Step step = begin(state, endpoint, slices, replaying, event.timestamp());
    ReplicaMetering.apply(step, event);
    return finish(step, false);
  }

  /**
   * Applies a billing line item; {@code previous} is the earlier version of the same line item when
   * this one corrects it (its amounts are taken back first), else null.
   */
  public Outcome onLineItem(
      EndpointState state,
      EndpointSettings endpoint,
      Events.LineItem item,
      Events.LineItem previous,
      SliceAccess slices,
      boolean replaying) {
    Step step = begin(state, endpoint, slices, replaying, item.usageEnd());
    if (previous != null) {
      BillAllocation.distribute(step, previous, -1);
    }
    BillAllocation.distribute(step, item, +1);
    HourClosing.rejudgeBilledHours(step);
    return finish(step, false);
  }

  /** Advances an endpoint to {@code streamTime}: meters quiet replicas, closes hours and days. */
  public Outcome onTick(
      EndpointState state, EndpointSettings endpoint, long streamTime, SliceAccess slices, boolean replaying) {
    if (!state.hasSeenEvents()) {
      return new Outcome();
    }
    return finish(begin(state, endpoint, slices, replaying, streamTime), true);
  }

  /** {@link #nextTickNeeded}: the endpoint is in motion and needs every metering step. */
  public static final long EVERY_STEP = Long.MIN_VALUE;

  /**
   * The earliest stream time at which a tick can change anything for this endpoint: {@link
   * #EVERY_STEP} while replicas run, recent minutes are in its sliding spans or an alert or gate is
   * open; otherwise the next hour or budget day to close. Ticking it in between would change nothing
   * that any output depends on, so a quiet fleet costs nothing per step.
   */
  public long nextTickNeeded(EndpointState state) {
    if (!state.hasSeenEvents()) {
      return Long.MAX_VALUE;
    }
    if (!state.replicas.isEmpty() || !state.minutes.isEmpty() || !state.stoppedReplicas.isEmpty() || anyOpen(state)) {
      return EVERY_STEP;
    }
    long wake = state.nextHourToClose + Time.HOUR_MS + settings.eventGraceMs();
    for (DayState day : state.days.values()) {
      if (day.thrash != DayState.DONE || day.forecast != DayState.DONE) {
        wake = Math.min(wake, day.dayEnd + settings.eventGraceMs());
      }
      wake = Math.min(wake, day.dayEnd + settings.billingGraceMs());
    }
    return wake;
  }

  private static boolean anyOpen(EndpointState state) {
    for (RuleTrack track : state.tracks.values()) {
      if (!track.quiet()) {
        return true;
      }
    }
    return false;
  }

  /** Re-evaluates after the endpoint's settings changed (a raised budget clears a tier). */
  public Outcome onSettingsChanged(
      EndpointState state, EndpointSettings endpoint, SliceAccess slices, boolean replaying) {
    if (!state.hasSeenEvents()) {
      return new Outcome();
    }
    Step step = begin(state, endpoint, slices, replaying, state.clock);
    step.settingsChanged = true;
    return finish(step, false);
  }

  private Step begin(
      EndpointState state, EndpointSettings endpoint, SliceAccess slices, boolean replaying, long eventTime) {
    Step step = new Step(settings, policy, state, endpoint, slices, replaying, eventTime);
    ReplicaMetering.meterTo(step, step.now);
    return step;
  }

  /** The end of every step: forget what is past, judge every rule family on the value after it, write back. */
  private Outcome finish(Step step, boolean tick) {
    step.tick = tick;
    EndpointState state = step.state;
    if (!state.stoppedReplicas.isEmpty()) {
      state.stoppedReplicas.values().removeIf(stoppedAt -> stoppedAt + settings.eventGraceMs() < step.now);
    }
    state.minutes.removeBefore(step.firstKeptMinute());
    ContinuousRules.evaluateSpans(step);
    ContinuousRules.evaluateReplicaCount(step);
    HourClosing.closeDueHours(step);
    BudgetDays.evaluate(step);
    Alerting.forgetQuietTracks(step);
    step.writeBack();
    return step.outcome;
  }
}
