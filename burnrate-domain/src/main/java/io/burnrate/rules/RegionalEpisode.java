package io.burnrate.rules;

import java.util.Objects;
import java.util.TreeSet;

/**
 * What REGIONAL_COST_VARIANCE remembers about one endpoint of one instance type between closed
 * hours: its open episode, if any, and the UTC days on which it was announced (a FIRING went out),
 * as long as a revision can still reach an hour of them. Kept by instance type and endpoint, the key
 * of the task that owns it. Mutable; {@link RegionalCostVariance} stores it back after each change.
 */
public final class RegionalEpisode {
  /** {@link #startHour} of an endpoint without an open episode. */
  public static final long NONE = Long.MIN_VALUE;

  public final String instanceType;
  public final String endpointId;
  /** Start of the open episode's first hour (its alert id is derived from it), or {@link #NONE}. */
  public long startHour = NONE;
  /** Start of the last hour of the open episode that was above the line. */
  public long lastBreachHour;
  /** Hours of the open episode above the line. */
  public int breachHours;
  /** Start of the last compared hour the open episode has accounted for. */
  public long lastHour;
  /** Clear hours in a row at the end of the open episode (it resolves at the configured number). */
  public int clearHours;
  /** Whether the open episode's FIRING went out; if not (advice already given that day) it ends silently. */
  public boolean announced;
  /** What the RESOLVED repeats: the threshold and the reference region's base cost at the FIRING. */
  public double threshold;
  public double baselineUsdPerHour;
  public String owner;
  public String region;
  /** Starts (UTC midnight) of the days with a FIRING, while an hour of them may still be revised. */
  public final TreeSet<Long> announcedDays = new TreeSet<>();

  public RegionalEpisode(String instanceType, String endpointId) {
    this.instanceType = Objects.requireNonNull(instanceType, "instanceType of a regional episode");
    this.endpointId = Objects.requireNonNull(endpointId, "endpointId of a regional episode");
  }

  public boolean open() {
    return startHour != NONE;
  }

  /** Nothing worth keeping: no open episode and no day whose advice is still to be remembered. */
  public boolean empty() {
    return !open() && announcedDays.isEmpty();
  }

  void close() {
    startHour = NONE;
    lastBreachHour = 0;
    breachHours = 0;
    lastHour = 0;
    clearHours = 0;
    announced = false;
    threshold = 0;
    baselineUsdPerHour = 0;
    owner = null;
    region = null;
  }
}
