package io.burnrate.engine;

import io.burnrate.baseline.SpendProjection;
import io.burnrate.core.Ids;
import io.burnrate.core.Money;
import io.burnrate.meter.Category;
import io.burnrate.rules.AlertLifecycle;
import io.burnrate.rules.AutoscalingThrash;
import io.burnrate.rules.BudgetForecast;
import io.burnrate.rules.DailyBudgetTier;
import io.burnrate.rules.DayFigures;
import io.burnrate.rules.Episode;
import io.burnrate.rules.Reading;
import io.burnrate.rules.RuleCatalog;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The once-a-budget-day rules: the daily budget tiers, autoscaling thrash and the budget forecast,
 * each at most one FIRING a day, resolved when the day (and the billing grace after it) is over.
 */
final class BudgetDays {
  private static final AutoscalingThrash THRASH = (AutoscalingThrash) RuleCatalog.rule(AlertRule.AUTOSCALING_THRASH);
  private static final BudgetForecast FORECAST = (BudgetForecast) RuleCatalog.rule(AlertRule.BUDGET_FORECAST);

  private BudgetDays() {
  }

  static void evaluate(Step step) {
    PipelineSettings settings = step.settings;
    long now = step.now;
    for (Iterator<DayState> it = step.state.days.values().iterator(); it.hasNext(); ) {
      DayState day = it.next();
      if (day.dayEnd + settings.billingGraceMs() <= now) {
        resolveTiers(step, day);
        it.remove();
        continue;
      }
      DayFigures figures = figures(step, day);
      evaluateTiers(step, day, figures);
      evaluateThrash(step, day, figures);
      if (step.tick && now >= day.dayStart && now < day.dayEnd) {
        evaluateForecast(step, day);
      }
      if (day.dayEnd + settings.eventGraceMs() <= now) {
        closeDayEpisodes(step, day);
      }
    }
  }

  /** The billing grace after the day is over: every tier that fired is RESOLVED with the day's final spend. */
  private static void resolveTiers(Step step, DayState day) {
    DayFigures figures = figures(step, day);
    for (int tier = 0; tier < DailyBudgetTier.TIERS.size(); tier++) {
      DailyBudgetTier rule = DailyBudgetTier.TIERS.get(tier);
      if (day.tierFired(tier)) {
        step.outcome.alerts.add(Alerting.alert(step, rule.id(), AlertStatus.RESOLVED, tierEpisode(step, rule, day),
            day.dayStart, day.dayEnd, Money.usd(day.visibleMicros), rule.dayOverMessage(figures, step.endpoint)));
      }
    }
  }

  private static DayFigures figures(Step step, DayState day) {
    return new DayFigures(day.dayStart, day.dayEnd, day.date(step.endpoint.zone()), day.visibleMicros,
        day.source(), day.scaleUps,
        Math.max(day.metered[Category.COLD_START_TRANSFER], day.billed[Category.COLD_START_TRANSFER]));
  }

  private static void evaluateTiers(Step step, DayState day, DayFigures figures) {
    if (step.endpoint.dailyBudgetMicros() <= 0) {
      return;
    }
    List<CostAlert> firing = new ArrayList<>();
    for (int tier = 0; tier < DailyBudgetTier.TIERS.size(); tier++) {
      if (day.tierFired(tier) && !step.settingsChanged) {
        continue; // a tier fires once a budget day; only a raised budget takes it back
      }
      DailyBudgetTier rule = DailyBudgetTier.TIERS.get(tier);
      Reading reading = rule.judge(figures, step.endpoint);
      if (reading.breached() && !day.tierFired(tier)) {
        day.setTierFired(tier, true);
        CostAlert alert = Alerting.alert(step, rule.id(), AlertStatus.FIRING, tierEpisode(step, rule, day),
            day.dayStart, day.dayEnd, reading.observed(), rule.firingMessage(figures, step.endpoint, reading));
        firing.add(alert);
        step.outcome.alerts.add(alert);
      } else if (!reading.breached() && day.tierFired(tier) && step.settingsChanged) {
        day.setTierFired(tier, false);
        step.outcome.alerts.add(Alerting.alert(step, rule.id(), AlertStatus.RESOLVED, tierEpisode(step, rule, day),
            day.dayStart, day.dayEnd, reading.observed(), rule.resolvedMessage(figures, step.endpoint, reading)));
      }
    }
    // One late bill may cross several tiers at once: only the highest tier's command is issued.
    for (int i = firing.size() - 1; i >= 0; i--) {
      CostAlert alert = firing.get(i);
      if (step.policy.proposalFor(alert.getRule(), step.endpoint).isPresent()) {
        Alerting.command(step, alert.getRule(), alert);
        break;
      }
    }
  }

  private static void evaluateThrash(Step step, DayState day, DayFigures figures) {
    if (day.thrash != DayState.QUIET) {
      return;
    }
    Reading reading = THRASH.judge(figures, step.endpoint);
    if (!reading.breached()) {
      return;
    }
    day.thrash = DayState.FIRING;
    CostAlert alert = Alerting.alert(step, THRASH.id(), AlertStatus.FIRING,
        dayEpisode(step, THRASH.id(), day, reading.threshold()), day.dayStart, day.dayEnd, reading.observed(),
        THRASH.firingMessage(figures, step.endpoint, reading));
    step.outcome.alerts.add(alert);
    Alerting.command(step, THRASH.id(), alert);
  }

  /**
   * BUDGET_FORECAST, while the actual spend is still below the first budget tier: judged on the
   * stream-time tick every few minutes, through the noise gate, once a day.
   */
  private static void evaluateForecast(Step step, DayState day) {
    EndpointState state = step.state;
    long now = step.now;
    long budget = step.endpoint.dailyBudgetMicros();
    if (budget <= 0 || day.forecast != DayState.QUIET || day.tierFired(0)
        || (state.forecastCheckedAt != EndpointState.NEVER && now - state.forecastCheckedAt < BudgetForecast.EVERY_MS)) {
      return;
    }
    state.forecastCheckedAt = now;
    EndpointBaselines baselines = step.loadBaselines();
    SpendProjection.Projection projection = SpendProjection.project(day.dayStart, day.dayEnd, now,
        Math.max(0, day.visibleMicros), Math.max(0, step.lastHourSpendMicros),
        baselines == null ? null : baselines.spend);
    Reading reading = FORECAST.judge(projection, step.endpoint);
    if (Alerting.evaluate(step, FORECAST, reading, AlertLifecycle.Trigger.of(step.settings.baselines().gate()))
        != AlertLifecycle.Transition.FIRE) {
      return;
    }
    state.tracks.remove(FORECAST.id()); // the budget day ends the episode, not the gate
    day.forecast = DayState.FIRING;
    step.outcome.alerts.add(Alerting.alert(step, FORECAST.id(), AlertStatus.FIRING,
        dayEpisode(step, FORECAST.id(), day, reading.threshold()), day.dayStart, day.dayEnd, reading.observed(),
        FORECAST.firingMessage(figures(step, day), projection, step.endpoint)));
  }

  /** The once-a-day episodes that are not about billing resolve when the day is over. */
  private static void closeDayEpisodes(Step step, DayState day) {
    DayFigures figures = figures(step, day);
    if (day.thrash == DayState.FIRING) {
      step.outcome.alerts.add(Alerting.alert(step, THRASH.id(), AlertStatus.RESOLVED,
          dayEpisode(step, THRASH.id(), day, step.endpoint.thresholds().get(THRASH.id())), day.dayStart, day.dayEnd,
          day.scaleUps, THRASH.resolvedMessage(figures, step.endpoint, null)));
    }
    if (day.forecast == DayState.FIRING) {
      step.outcome.alerts.add(Alerting.alert(step, FORECAST.id(), AlertStatus.RESOLVED,
          dayEpisode(step, FORECAST.id(), day, Money.usd(FORECAST.limitMicros(step.endpoint))), day.dayStart,
          day.dayEnd, Money.usd(day.visibleMicros), FORECAST.resolvedMessage(figures, step.endpoint)));
    }
    day.thrash = DayState.DONE;
    day.forecast = DayState.DONE;
  }

  private static Episode dayEpisode(Step step, AlertRule rule, DayState day, double threshold) {
    String id = Ids.nameBased(step.endpoint.endpointId(), rule, day.date(step.endpoint.zone()));
    return new Episode(id, day.dayStart, day.dayEnd, threshold, null, step.now);
  }

  private static Episode tierEpisode(Step step, DailyBudgetTier rule, DayState day) {
    String id = Ids.nameBased(step.endpoint.endpointId(), rule.id(), day.date(step.endpoint.zone()));
    return new Episode(id, day.dayStart, day.dayEnd, Money.usd(rule.limitMicros(step.endpoint)), null, step.now);
  }
}
