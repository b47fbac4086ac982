package io.burnrate.rules;

import io.burnrate.baseline.SeasonalBaseline;
import java.util.Collection;

/**
 * What the closed-hour rules judge once a UTC hour has closed: its spend (the larger of metered and
 * billed), requests, busy and ready replica time, the trailing closed hours before it, and the
 * seasonal cost-per-request baseline.
 */
public record HourFigures(
    long hourStart,
    long requests,
    long spendMicros,
    long readyReplicaMs,
    Double utilization,
    Collection<ClosedHour> trailing,
    SeasonalBaseline costPerRequest,
    Judging judging) {

  /** The settings the closed-hour rules judge with. */
  public record Judging(
      long minRequests, int minBaselineSamples, double spreadLimit, double spendFloorUsd,
      int minBreachHours, boolean trailingFallback, double concurrencyPerReplica) {}

  /** The trailing closed hour starting at {@code hour}, or null. */
  public ClosedHour trailingHour(long hour) {
    ClosedHour found = null;
    for (ClosedHour closed : trailing) {
      if (closed.hourStart == hour) {
        found = closed;
      }
    }
    return found;
  }
}
