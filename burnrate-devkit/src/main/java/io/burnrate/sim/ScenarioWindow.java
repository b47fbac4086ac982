package io.burnrate.sim;

import java.time.Instant;

/** One scenario on one endpoint over [{@code startMs}, {@code endMs}). */
public record ScenarioWindow(Scenario scenario, int endpointIndex, long startMs, long endMs) {

  public ScenarioWindow {
    if (endMs <= startMs) {
      throw new IllegalArgumentException(scenario + " on endpoint " + endpointIndex + ": the window must end after"
          + " it starts, was " + Instant.ofEpochMilli(startMs) + " .. " + Instant.ofEpochMilli(endMs));
    }
  }

  public boolean contains(long t) {
    return t >= startMs && t < endMs;
  }

  public boolean overlaps(ScenarioWindow other) {
    return startMs < other.endMs && other.startMs < endMs;
  }

  public Instant start() {
    return Instant.ofEpochMilli(startMs);
  }

  public Instant end() {
    return Instant.ofEpochMilli(endMs);
  }
}
