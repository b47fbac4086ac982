package io.burnrate.engine;

import io.burnrate.schema.AlertRule;
import java.util.List;

/** The daily budget tiers, lowest first. */
public final class BudgetTiers {
  public static final List<AlertRule> RULES =
      List.of(AlertRule.DAILY_BUDGET_120, AlertRule.DAILY_BUDGET_150, AlertRule.DAILY_BUDGET_200);

  private BudgetTiers() {}
}
