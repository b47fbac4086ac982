package io.burnrate.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scenario as written on the command line: {@code NAME:ENDPOINT[@START][+DURATION]}, e.g. {@code
 * DEATH_SPIRAL:5@9h+3h} or {@code TRAFFIC_SURGE:ep-00007@2026-11-02T15:00:00Z+1h}. ENDPOINT is an index
 * or an id; START an ISO-8601 instant in UTC or an offset from the run's start; both START and
 * DURATION default to the scenario's usual time.
 */
public record ScenarioSpec(Scenario scenario, String endpoint, String start, Duration duration) {
  public static final String SYNTAX = "NAME:ENDPOINT[@START][+DURATION]";

  private static final Pattern FORM = Pattern.compile("^([A-Za-z_]+):([^@+]+)(?:@([^+]+))?(?:\\+(.+))?$");

  /**
   * @throws IllegalArgumentException saying what is wrong and what is allowed
   */
  public static ScenarioSpec parse(String text) {
    Matcher matcher = FORM.matcher(text.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("expected " + SYNTAX + " (e.g. DEATH_SPIRAL:5@9h+3h)");
    }
    Scenario scenario = Scenario.parse(matcher.group(1));
    Duration duration = null;
    if (matcher.group(4) != null) {
      duration = SimDurations.parse(matcher.group(4));
      if (duration.isZero()) {
        throw new IllegalArgumentException("the duration must be more than 0");
      }
    }
    return new ScenarioSpec(scenario, matcher.group(2).trim(), matcher.group(3), duration);
  }

  /** Adds this scenario to {@code plan}, for a run starting at {@code runStart}. */
  public void addTo(SimulationPlan.Builder plan, Instant runStart) {
    if (start == null && duration == null) {
      plan.scenario(scenario, endpoint, null, null);
      return;
    }
    Instant from = start == null ? runStart.plus(scenario.defaultOffset()) : startFrom(runStart);
    Duration length = duration == null ? scenario.defaultLength() : duration;
    plan.scenario(scenario, endpoint, from, length);
  }

  private Instant startFrom(Instant runStart) {
    try {
      return Instant.parse(start.trim());
    } catch (DateTimeParseException notAnInstant) {
      try {
        return runStart.plus(SimDurations.parse(start));
      } catch (IllegalArgumentException notAnOffset) {
        throw new IllegalArgumentException("'" + start + "' is neither an ISO-8601 instant in UTC (2026-11-02T09:00:00Z)"
            + " nor an offset from the start such as 9h");
      }
    }
  }
}
