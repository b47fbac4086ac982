package io.burnrate.rules;

import java.util.TreeMap;

/**
 * What the regional comparison remembers about one instance type in one closed hour: the latest
 * figures of each endpoint, whether the hour has been compared and its alerts resolved, and the
 * endpoints alerted on. Sorted maps keep every output independent of arrival order.
 */
public final class RegionalHour {
  /** An endpoint alerted on: what its RESOLVED record must repeat. */
  public record Fired(double threshold, double baselineUsdPerHour) {}

  public final String instanceType;
  public final long hourStart;
  public final TreeMap<String, EndpointHour> endpoints = new TreeMap<>();
  public final TreeMap<String, Fired> fired = new TreeMap<>();
  public boolean compared;
  public boolean resolved;

  public RegionalHour(String instanceType, long hourStart) {
    this.instanceType = instanceType;
    this.hourStart = hourStart;
  }
}
