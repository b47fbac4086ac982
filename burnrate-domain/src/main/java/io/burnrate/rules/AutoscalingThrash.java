package io.burnrate.rules;

import io.burnrate.core.Money;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;

/** AUTOSCALING_THRASH: more SCALE_UP events in the budget day than the limit (50: about $100-250 of overhead). */
public final class AutoscalingThrash extends FixedFacts implements BudgetDayRule {
  public AutoscalingThrash() {
    super(AlertRule.AUTOSCALING_THRASH, Severity.WARNING, "scale-ups/day", 50);
  }

  @Override
  public Reading judge(DayFigures day, EndpointSettings endpoint) {
    return Reading.above(day.scaleUps(), endpoint.thresholds().get(id()), 0);
  }

  @Override
  public String firingMessage(DayFigures day, EndpointSettings endpoint, Reading reading) {
    return String.format("%s scaled up %d times on %s (limit %s): autoscaling thrash, %s of model downloads so far"
            + " and about %s-%s of scale-up overhead at $2-5 each",
        endpoint.endpointId(), day.scaleUps(), day.date(), RuleTexts.plain(reading.threshold()),
        Money.format(day.coldStartTransferMicros()), Money.format(day.scaleUps() * 2_000_000L),
        Money.format(day.scaleUps() * 5_000_000L));
  }

  @Override
  public String resolvedMessage(DayFigures day, EndpointSettings endpoint, Reading reading) {
    return String.format("%s: budget day %s is over (%d scale-ups)", endpoint.endpointId(), day.date(), day.scaleUps());
  }
}
