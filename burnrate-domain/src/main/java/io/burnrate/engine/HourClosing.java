package io.burnrate.engine;

import io.burnrate.core.Time;
import io.burnrate.meter.SliceStats;
import io.burnrate.rules.AlertLifecycle;
import io.burnrate.rules.ClosedHour;
import io.burnrate.rules.ClosedHourRule;
import io.burnrate.rules.Episode;
import io.burnrate.rules.HourFigures;
import io.burnrate.rules.Reading;
import io.burnrate.rules.RuleCatalog;
import io.burnrate.rules.RuleTrack;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Closes each UTC hour once the event grace after it has passed: judges it with the closed-hour
 * rules, keeps it among the trailing hours and teaches the baselines; judges it again when a late
 * bill changes it.
 */
final class HourClosing {
  private static final List<ClosedHourRule> CLOSED_HOUR_RULES = RuleCatalog.ofKind(ClosedHourRule.class);

  private HourClosing() {
  }

  static void closeDueHours(Step step) {
    EndpointState state = step.state;
    PipelineSettings settings = step.settings;
    EndpointBaselines baselines = null;
    while (state.nextHourToClose + Time.HOUR_MS + settings.eventGraceMs() <= step.now) {
      long hour = state.nextHourToClose;
      SliceStats view = step.hourView(hour);
      if (baselines == null) {
        baselines = loadOrCreateBaselines(step);
      }
      judge(step, figures(step, hour, view, baselines), false);
      if (view.requests > 0 || view.visibleMicros() != 0) {
        state.trailingHours.addLast(new ClosedHour(hour, view.visibleMicros(), view.requests, false)
            .withMeteredAndBilled(view.meteredMicros(), view.billedMeterableMicros())
            .withUse(view.busyMicros, view.readyReplicaMs));
        while (state.trailingHours.size() > settings.trailingHours()) {
          state.trailingHours.removeFirst();
        }
        step.outcome.closedHours.add(hour);
      }
      observe(step, baselines, hour, view);
      state.nextHourToClose = hour + Time.HOUR_MS;
    }
    if (baselines != null) {
      storeBaselines(step, baselines);
    }
  }

  /** Re-evaluates closed hours a late bill changed: they are judged again. */
  static void rejudgeBilledHours(Step step) {
    for (long hour : step.billedClosedHours) {
      ClosedHour closed = null;
      for (ClosedHour candidate : step.state.trailingHours) {
        if (candidate.hourStart == hour) {
          closed = candidate;
        }
      }
      if (closed == null) {
        continue;
      }
      SliceStats view = step.hourView(hour);
      closed.spendMicros = view.visibleMicros();
      closed.withMeteredAndBilled(view.meteredMicros(), view.billedMeterableMicros());
      EndpointBaselines baselines = loadOrCreateBaselines(step);
      judge(step, figures(step, hour, view, baselines), true);
      observe(step, baselines, hour, view);
      storeBaselines(step, baselines);
      step.outcome.closedHours.add(hour);
    }
  }

  private static HourFigures figures(Step step, long hour, SliceStats view, EndpointBaselines baselines) {
    PipelineSettings settings = step.settings;
    BaselineSettings b = settings.baselines();
    return new HourFigures(hour, view.requests, view.visibleMicros(), view.readyReplicaMs,
        HourlyMetrics.utilization(view, settings.concurrencyPerReplica()), step.state.trailingHours,
        baselines.costPerRequest, new HourFigures.Judging(settings.minRequestsForRatios(), b.minSamples(),
            b.spreadLimit(), b.spendFloorUsd(), b.minBreachHours(), b.trailingFallback(),
            settings.concurrencyPerReplica()));
  }

  /**
   * Judges a closed hour with every closed-hour rule at the hour's end. An hour judged again after a
   * late bill may open an episode or extend one, never move one towards resolving.
   */
  private static void judge(Step step, HourFigures figures, boolean revised) {
    long hourEnd = figures.hourStart() + Time.HOUR_MS;
    for (ClosedHourRule rule : CLOSED_HOUR_RULES) {
      Reading reading = rule.judge(figures, step.endpoint, step.lifecycle(rule).hysteresis());
      RuleTrack track = step.state.tracks.get(rule.id());
      if (revised && (!reading.breached() || pagedToday(step, track, figures.hourStart()))) {
        continue;
      }
      if (reading.breached() && track != null && track.open != null) {
        track.open = track.open.extendedTo(hourEnd);
      }
      switch (Alerting.evaluateAt(step, rule, reading, hourEnd, AlertLifecycle.Trigger.AT_ONCE)) {
        case FIRE -> {
          Alerting.fire(step, rule, reading, figures.hourStart(), hourEnd,
              rule.firingMessage(figures, step.endpoint, reading));
          ClosedHour closed = figures.trailingHour(figures.hourStart());
          if (closed != null) {
            closed.costPerRequestFired = true;
          }
        }
        case RESOLVE -> {
          Episode open = step.state.tracks.get(rule.id()).open;
          Alerting.resolve(step, rule, reading, open.windowEnd(), String.format(
              "%s: %s is over; it covered %s, the hour from %s UTC was clear", step.endpoint.endpointId(),
              rule.id(), coveredHours(open), Time.hhmm(figures.hourStart(), ZoneOffset.UTC)));
        }
        default -> { }
      }
    }
  }

  /**
   * A late bill that shows an earlier hour breaching does not page again for a rule that already
   * paged that budget day and has since resolved: the later hours were judged meanwhile.
   */
  private static boolean pagedToday(Step step, RuleTrack track, long hour) {
    return track != null && track.open == null && track.firedDay == step.budgetDay(hour);
  }

  private static String coveredHours(Episode episode) {
    long hours = (episode.windowEnd() - episode.windowStart()) / Time.HOUR_MS;
    return String.format("%d hour%s from %s to %s UTC", hours, hours == 1 ? "" : "s",
        Time.hhmm(episode.windowStart(), ZoneOffset.UTC), Time.hhmm(episode.windowEnd(), ZoneOffset.UTC));
  }

  /** A closed hour teaches the baselines what normal is; a quiet hour is a real sample of zero. */
  private static void observe(Step step, EndpointBaselines baselines, long hour, SliceStats view) {
    long spend = Math.max(0, view.visibleMicros());
    baselines.spend.observe(hour, spend);
    baselines.requests.observe(hour, view.requests);
    if (view.requests >= step.settings.minRequestsForRatios()) {
      baselines.costPerRequest.observe(hour, (double) spend / view.requests);
    }
  }

  private static EndpointBaselines loadOrCreateBaselines(Step step) {
    EndpointBaselines baselines = step.loadBaselines();
    return baselines != null ? baselines : EndpointBaselines.empty(step.settings.baselines(), step.endpoint.zone());
  }

  private static void storeBaselines(Step step, EndpointBaselines baselines) {
    step.slices.putBaselines(step.endpoint.endpointId(), baselines.toBytes());
    step.state.expectedHour = EndpointState.NEVER;
  }
}
