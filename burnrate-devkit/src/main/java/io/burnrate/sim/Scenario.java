package io.burnrate.sim;

import io.burnrate.schema.AlertRule;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * A cost failure the simulator can inject on one endpoint for a span of time, with the rules it
 * must make fire ({@link #expectedRules()}) and the ones it may fire on the way ({@link
 * #possibleRules()}).
 */
public enum Scenario {
  DEATH_SPIRAL(
      "spiky traffic with min_replicas 0: every spike cold-starts several replicas (> 10 cold starts/hour)",
      Duration.ofHours(9), Duration.ofHours(3),
      EnumSet.of(AlertRule.COLD_START_FREQUENCY),
      EnumSet.of(AlertRule.HOURLY_SPEND_RATE, AlertRule.COST_PER_REQUEST_RISING, AlertRule.COST_SPIKE,
          AlertRule.AUTOSCALING_THRASH, AlertRule.QUEUE_DEPTH, AlertRule.BUDGET_FORECAST,
          AlertRule.DAILY_BUDGET_120, AlertRule.ERROR_RATE, AlertRule.HIGH_LATENCY)),
  RUNAWAY_SCALING(
      "the autoscaler adds a replica every 7 minutes whatever the load, above expected_max_replicas",
      Duration.ofHours(13), Duration.ofHours(2),
      EnumSet.of(AlertRule.RUNAWAY_SCALING),
      EnumSet.of(AlertRule.HOURLY_SPEND_RATE, AlertRule.COLD_START_FREQUENCY, AlertRule.LOW_UTILIZATION,
          AlertRule.COST_PER_REQUEST_RISING, AlertRule.COST_SPIKE, AlertRule.BUDGET_FORECAST,
          AlertRule.DAILY_BUDGET_120, AlertRule.DAILY_BUDGET_150, AlertRule.DAILY_BUDGET_200)),
  BUDGET_OVERRUN(
      "sustained load (4x the usual request rate, each request 2.5x the work) that drives the day's spend past"
          + " 120, 150 and 200 % of budget",
      Duration.ofHours(4), Duration.ofHours(19),
      EnumSet.of(AlertRule.HOURLY_SPEND_RATE, AlertRule.DAILY_BUDGET_120, AlertRule.DAILY_BUDGET_150,
          AlertRule.DAILY_BUDGET_200),
      EnumSet.of(AlertRule.BUDGET_FORECAST, AlertRule.COST_SPIKE, AlertRule.COLD_START_FREQUENCY,
          AlertRule.HIGH_LATENCY, AlertRule.QUEUE_DEPTH, AlertRule.COST_PER_REQUEST_RISING)),
  TRAFFIC_SURGE(
      "request rate 8x normal: the autoscaler hits max_replicas, requests queue and are refused with 429",
      Duration.ofHours(15), Duration.ofHours(1),
      EnumSet.of(AlertRule.REQUEST_SURGE),
      EnumSet.of(AlertRule.ERROR_RATE, AlertRule.HIGH_LATENCY, AlertRule.QUEUE_DEPTH, AlertRule.RUNAWAY_SCALING,
          AlertRule.HOURLY_SPEND_RATE, AlertRule.COLD_START_FREQUENCY, AlertRule.COST_SPIKE,
          AlertRule.BUDGET_FORECAST, AlertRule.DAILY_BUDGET_120, AlertRule.AUTOSCALING_THRASH,
          AlertRule.COST_PER_REQUEST_RISING)),
  OVER_PROVISIONED(
      "a small model (< 500M parameters) served on the endpoint's instance: requests take 1/20 of the time,"
          + " utilization < 10 %",
      Duration.ofHours(6), Duration.ofHours(12),
      EnumSet.of(AlertRule.LOW_UTILIZATION),
      // Once the window ends, requests cost their usual again: dear next to the cheap hours before.
      EnumSet.of(AlertRule.COST_PER_REQUEST_RISING)),
  PRICIER_REGION(
      "the endpoint runs in ap-southeast-1 and its compute is billed 40 % above list, so the same instance type"
          + " costs > 30 % more per instance-hour than elsewhere, after regional multipliers",
      Duration.ZERO, Duration.ofDays(366),
      EnumSet.of(AlertRule.REGIONAL_COST_VARIANCE),
      EnumSet.of(AlertRule.COST_PER_REQUEST_RISING));

  private final String description;
  private final Duration defaultOffset;
  private final Duration defaultLength;
  private final Set<AlertRule> expectedRules;
  private final Set<AlertRule> possibleRules;

  Scenario(String description, Duration defaultOffset, Duration defaultLength, Set<AlertRule> expected,
      Set<AlertRule> possible) {
    this.description = description;
    this.defaultOffset = defaultOffset;
    this.defaultLength = defaultLength;
    this.expectedRules = Set.copyOf(expected);
    this.possibleRules = Set.copyOf(possible);
  }

  public String description() {
    return description;
  }

  /** Where the scenario starts in a run of one day or more, from the run's start. */
  public Duration defaultOffset() {
    return defaultOffset;
  }

  /** How long it lasts by default (clipped to the run). */
  public Duration defaultLength() {
    return defaultLength;
  }

  /** Rules the scenario is built to make fire (BUDGET_OVERRUN: the tiers its window can reach, see GroundTruth). */
  public Set<AlertRule> expectedRules() {
    return expectedRules;
  }

  /** Rules it may fire as a side effect; neither required nor a false positive. */
  public Set<AlertRule> possibleRules() {
    return possibleRules;
  }

  /** The scenario named {@code name} (case-insensitive), or an error listing the names allowed. */
  public static Scenario parse(String name) {
    for (Scenario scenario : values()) {
      if (scenario.name().equalsIgnoreCase(name.trim())) {
        return scenario;
      }
    }
    throw new IllegalArgumentException("unknown scenario '" + name + "'; allowed: " + names());
  }

  public static String names() {
    StringBuilder out = new StringBuilder();
    for (Scenario scenario : values()) {
      out.append(out.length() == 0 ? "" : ", ").append(scenario.name());
    }
    return out.toString();
  }
}
