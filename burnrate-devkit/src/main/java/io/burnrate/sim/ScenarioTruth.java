package io.burnrate.sim;

import io.burnrate.core.Time;
import io.burnrate.schema.AlertRule;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ground truth of one scenario window. Most scenarios always reach their signature; a
 * BUDGET_OVERRUN reaches the budget tiers its window's expected spend crosses (a short window may
 * reach 120 % but not 200 %), judged on the noise-free estimate with a margin either side: clearly
 * above a tier is expected, near it only possible.
 */
final class ScenarioTruth {
  static final double CLEARLY_ABOVE = 1.12;
  static final double NEAR = 0.7;
  private static final Map<AlertRule, Double> TIERS = Map.of(
      AlertRule.DAILY_BUDGET_120, 1.2, AlertRule.DAILY_BUDGET_150, 1.5, AlertRule.DAILY_BUDGET_200, 2.0);

  private ScenarioTruth() {}

  static GroundTruth of(EndpointProfile profile, ScenarioWindow window, SimulationPlan plan) {
    Scenario scenario = window.scenario();
    Set<AlertRule> expected = EnumSet.noneOf(AlertRule.class);
    Set<AlertRule> possible = EnumSet.noneOf(AlertRule.class);
    expected.addAll(scenario.expectedRules());
    possible.addAll(scenario.possibleRules());
    if (scenario == Scenario.BUDGET_OVERRUN) {
      judgeBudget(profile, window, plan, expected, possible);
    } else if (!longEnough(profile, window)) {
      possible.addAll(expected);
      expected.clear();
    }
    return new GroundTruth(profile.endpointId(), profile.index(), scenario, window.start(), window.end(), expected,
        possible);
  }

  /** Whether the window is long enough for its signature to show as the rule measures it. */
  static boolean longEnough(EndpointProfile profile, ScenarioWindow window) {
    long length = window.endMs() - window.startMs();
    return switch (window.scenario()) {
      // The first burst may find replicas still up; three more wake four each: 50 minutes.
      case DEATH_SPIRAL -> length >= 50 * Time.MINUTE_MS;
      // One replica more every 7 minutes, from as few as min_replicas to above the expected maximum.
      case RUNAWAY_SCALING -> length
          > (profile.expectedMaxReplicas() - Math.max(1, profile.minReplicas()) + 1) * ScenarioEffects.RUNAWAY_STEP_MS;
      // 8x for w minutes in 60 is above 5x once w > 34 minutes.
      case TRAFFIC_SURGE -> length >= 35 * Time.MINUTE_MS;
      // Hourly rules judge closed clock hours: one must lie inside the window.
      case OVER_PROVISIONED, PRICIER_REGION ->
          Time.hourStart(window.startMs() + Time.HOUR_MS - 1) + Time.HOUR_MS <= window.endMs();
      case BUDGET_OVERRUN -> true;
    };
  }

  private static void judgeBudget(EndpointProfile profile, ScenarioWindow window, SimulationPlan plan,
      Set<AlertRule> expected, Set<AlertRule> possible) {
    CostEstimator.Model model = new CostEstimator.Model(profile.peakLoad(), profile.zone(), profile.minReplicas(),
        profile.maxReplicas(), profile.priceMicros(), profile.transferMicros(), plan.scaleDownDelay().toMillis(),
        new ScenarioEffects(List.of(window)));
    CostEstimator.Estimate estimate = CostEstimator.estimate(model, plan.startMs(), plan.endMs(), 1.0);
    double budget = profile.dailyBudgetMicros();
    double worstDay = 0;
    for (Map.Entry<Long, Long> day : estimate.daySpend().entrySet()) {
      long dayEnd = Time.dayEnd(day.getKey(), profile.zone());
      if (day.getKey() < window.endMs() && dayEnd > window.startMs()) {
        worstDay = Math.max(worstDay, day.getValue() / budget);
      }
    }
    double worstHour = 0;
    for (Map.Entry<Long, Long> hour : estimate.hourSpend().entrySet()) {
      if (hour.getKey() >= window.startMs() && hour.getKey() < window.endMs()) {
        worstHour = Math.max(worstHour, hour.getValue() / (budget / 24));
      }
    }
    classify(AlertRule.HOURLY_SPEND_RATE, worstHour, 1.0, expected, possible);
    for (Map.Entry<AlertRule, Double> tier : TIERS.entrySet()) {
      classify(tier.getKey(), worstDay, tier.getValue(), expected, possible);
    }
  }

  private static void classify(AlertRule rule, double observed, double threshold, Set<AlertRule> expected,
      Set<AlertRule> possible) {
    expected.remove(rule);
    possible.remove(rule);
    if (observed > threshold * CLEARLY_ABOVE) {
      expected.add(rule);
    } else if (observed > threshold * NEAR) {
      possible.add(rule);
    }
  }
}
