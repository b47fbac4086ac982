package io.burnrate.sim;

import io.burnrate.schema.AlertRule;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a scenario must make the pipeline say: on {@code endpointId}, between {@code start} and {@code
 * end} (a detector may need up to an hour after {@code end} for hourly rules, and bills arrive later
 * still), every rule of {@code expectedRules} fires; rules of {@code possibleRules} may fire as side
 * effects; any other rule on this endpoint, or any rule on an endpoint without ground truth, is a false
 * positive.
 */
public record GroundTruth(
    String endpointId,
    int endpointIndex,
    Scenario scenario,
    Instant start,
    Instant end,
    Set<AlertRule> expectedRules,
    Set<AlertRule> possibleRules) {

  public GroundTruth {
    expectedRules = Collections.unmodifiableSet(copy(expectedRules));
    possibleRules = Collections.unmodifiableSet(copy(possibleRules));
  }

  private static EnumSet<AlertRule> copy(Set<AlertRule> rules) {
    return rules.isEmpty() ? EnumSet.noneOf(AlertRule.class) : EnumSet.copyOf(rules);
  }
}
