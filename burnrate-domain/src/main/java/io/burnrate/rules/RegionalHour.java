package io.burnrate.rules;

import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the regional comparison remembers about one instance type in one closed hour: the latest
 * figures of each endpoint, whether the hour and the hour after it have been compared, and the
 * endpoints an episode covered in it. Sorted collections keep every output independent of arrival
 * order. The episodes themselves are per endpoint, in {@link RegionalEpisode}.
 */
public final class RegionalHour {
  /**
   * An alert the earlier lifecycle (one FIRING and one RESOLVED per endpoint and hour, stored format
   * 1) raised on this hour: what its RESOLVED must repeat.
   */
  public record Fired(double threshold, double baselineUsdPerHour) {}

  public final String instanceType;
  public final long hourStart;
  public final TreeMap<String, EndpointHour> endpoints = new TreeMap<>();
  /**
   * Endpoints an episode covered in this hour (above the line, or above the resolve line while the
   * episode was open), announced or not: a revision of the hour never starts another episode for them.
   */
  public final TreeSet<String> covered = new TreeSet<>();
  /**
   * Alerts of the earlier lifecycle on this hour, read from a format-1 record, not yet handed over:
   * {@link RegionalCostVariance} turns them into episodes (and {@link #covered} endpoints) the first
   * time it sees the hour, so that an alert open at the upgrade still gets its RESOLVED.
   */
  public final TreeMap<String, Fired> legacyAlerts = new TreeMap<>();
  public boolean compared;
  /**
   * The next hour has been compared too: an episode a revision of this hour starts covers only this
   * hour and is over at once.
   */
  public boolean nextCompared;

  public RegionalHour(String instanceType, long hourStart) {
    this.instanceType = instanceType;
    this.hourStart = hourStart;
  }
}
