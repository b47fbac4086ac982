package io.burnrate.rules;

import io.burnrate.baseline.SpendProjection;
import io.burnrate.core.Money;
import io.burnrate.core.Time;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;

/**
 * BUDGET_FORECAST: the budget day's spend projected to its end (seasonal shape at the last hour's
 * pace) above factor x the budget while the actual spend is still below the first budget tier. A
 * budget-day rule judged every few minutes of stream time; a projection is an estimate, so it fires
 * through the lifecycle's noise gate, once a day.
 */
public final class BudgetForecast extends FixedFacts {
  /** A projection every five minutes of stream time is enough. */
  public static final long EVERY_MS = 5 * Time.MINUTE_MS;

  public BudgetForecast() {
    super(AlertRule.BUDGET_FORECAST, Severity.WARNING, "USD", 1.2);
  }

  @Override
  public LifecycleSettings defaultLifecycle() {
    return LifecycleSettings.BUDGET_DAY;
  }

  public long limitMicros(EndpointSettings endpoint) {
    return Math.round(endpoint.dailyBudgetMicros() * endpoint.thresholds().get(id()));
  }

  /** {@link Reading#UNJUDGED} for an endpoint without a daily budget. */
  public Reading judge(SpendProjection.Projection projection, EndpointSettings endpoint) {
    if (endpoint.dailyBudgetMicros() <= 0) {
      return Reading.UNJUDGED;
    }
    return Reading.above(Money.usd(projection.projectedMicros()), Money.usd(limitMicros(endpoint)), 0);
  }

  public String firingMessage(DayFigures day, SpendProjection.Projection projection, EndpointSettings endpoint) {
    long limit = limitMicros(endpoint);
    long crossing = projection.crossesAt(limit).orElse(day.dayEnd());
    return String.format("%s is on course for %s, %.0f%% of its %s budget, by the end of %s; at this pace it"
            + " passes %s at %s %s (spent %s so far)",
        endpoint.endpointId(), Money.format(projection.projectedMicros()),
        projection.percentOf(endpoint.dailyBudgetMicros()), Money.format(endpoint.dailyBudgetMicros()), day.date(),
        Money.format(limit), Time.hhmm(crossing, endpoint.zone()), endpoint.zone().getId(),
        Money.format(day.spendMicros()));
  }

  public String resolvedMessage(DayFigures day, EndpointSettings endpoint) {
    return String.format("%s: budget day %s is over (spent %s)", endpoint.endpointId(), day.date(),
        Money.format(day.spendMicros()));
  }
}
