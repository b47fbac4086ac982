package io.burnrate.rules;

import io.burnrate.core.Money;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.ScalingAction;
import io.burnrate.schema.Severity;
import java.util.List;
import java.util.Optional;

/**
 * DAILY_BUDGET_120, _150 and _200: the budget day's spend above 120, 150 and 200 % of the daily
 * budget, each with its emergency command for non-critical endpoints.
 */
public final class DailyBudgetTier extends FixedFacts implements BudgetDayRule {
  public static final DailyBudgetTier AT_120 = new DailyBudgetTier(AlertRule.DAILY_BUDGET_120, 1.2, Severity.WARNING);
  public static final DailyBudgetTier AT_150 = new DailyBudgetTier(AlertRule.DAILY_BUDGET_150, 1.5, Severity.CRITICAL);
  public static final DailyBudgetTier AT_200 = new DailyBudgetTier(AlertRule.DAILY_BUDGET_200, 2.0, Severity.CRITICAL);
  /** Lowest first: a late bill crossing several at once issues only the highest one's command. */
  public static final List<DailyBudgetTier> TIERS = List.of(AT_120, AT_150, AT_200);

  private DailyBudgetTier(AlertRule id, double defaultFactor, Severity severity) {
    super(id, severity, "USD", defaultFactor);
  }

  @Override
  public Optional<CommandProposal> command(EndpointSettings endpoint) {
    return switch (id()) {
      case DAILY_BUDGET_120 -> Optional.of(new CommandProposal(ScalingAction.SCALE_DOWN, endpoint.minReplicas(), null,
          "scale down to min_replicas " + endpoint.minReplicas()));
      case DAILY_BUDGET_150 -> endpoint.fallbackEndpointId() == null
          ? Optional.empty()
          : Optional.of(new CommandProposal(ScalingAction.ROUTE_OVERFLOW, null, endpoint.fallbackEndpointId(),
              "route overflow to " + endpoint.fallbackEndpointId()));
      default -> Optional.of(new CommandProposal(ScalingAction.SHUTDOWN, 0, null, "shut down (0 replicas)"));
    };
  }

  public long limitMicros(EndpointSettings endpoint) {
    return Math.round(endpoint.dailyBudgetMicros() * endpoint.thresholds().get(id()));
  }

  @Override
  public Reading judge(DayFigures day, EndpointSettings endpoint) {
    if (endpoint.dailyBudgetMicros() <= 0) {
      return Reading.UNJUDGED;
    }
    return Reading.above(Money.usd(day.spendMicros()), Money.usd(limitMicros(endpoint)), 0);
  }

  @Override
  public String firingMessage(DayFigures day, EndpointSettings endpoint, Reading reading) {
    return String.format("%s spent %s (%s) on %s, %.0f%% of its %s daily budget (limit %s)",
        endpoint.endpointId(), RuleTexts.usd(reading.observed(), reading.threshold()), day.source(),
        day.date(), Math.floor(100.0 * day.spendMicros() / endpoint.dailyBudgetMicros()),
        Money.format(endpoint.dailyBudgetMicros()), RuleTexts.usd(reading.threshold(), reading.observed()));
  }

  @Override
  public String resolvedMessage(DayFigures day, EndpointSettings endpoint, Reading reading) {
    return String.format("%s spend on %s is %s, back within the %s line of its %s budget", endpoint.endpointId(),
        day.date(), Money.format(day.spendMicros()), Money.format(limitMicros(endpoint)),
        Money.format(endpoint.dailyBudgetMicros()));
  }

  /** The day is over and billed: what the tier's RESOLVED says. */
  public String dayOverMessage(DayFigures day, EndpointSettings endpoint) {
    return String.format("%s: budget day %s is over (final spend %s)", endpoint.endpointId(), day.date(),
        Money.format(day.spendMicros()));
  }
}
