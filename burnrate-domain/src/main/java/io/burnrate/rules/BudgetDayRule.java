package io.burnrate.rules;

/**
 * A rule over an endpoint's budget day: fires at most once a day, resolves when the day is over (or,
 * for the budget tiers, when a raised budget puts the spend back under the line).
 */
public interface BudgetDayRule extends Rule {
  Reading judge(DayFigures day, EndpointSettings endpoint);

  String firingMessage(DayFigures day, EndpointSettings endpoint, Reading reading);

  String resolvedMessage(DayFigures day, EndpointSettings endpoint, Reading reading);

  @Override
  default LifecycleSettings defaultLifecycle() {
    return LifecycleSettings.BUDGET_DAY;
  }
}
