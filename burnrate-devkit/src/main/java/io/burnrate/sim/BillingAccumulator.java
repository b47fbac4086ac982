package io.burnrate.sim;

import io.burnrate.core.Money;
import io.burnrate.core.Time;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One endpoint's usage per UTC hour, as its provider bills it: replica time from each SCALE_UP to its
 * SCALE_DOWN or FAILED (the same span the pipeline meters), and the gigabytes each cold start
 * downloads. Closing an hour yields its line items: a COMPUTE line (replica-hours x the hourly price,
 * times the scenario's premium where one applies) and a COLD_START_TRANSFER line, each only when
 * non-zero.
 */
final class BillingAccumulator {

  /** One line item, before it becomes a record. {@code quantity} is in {@code unit}. */
  record Line(long usageStart, long usageEnd, boolean compute, double quantity, String unit, long costMicros) {}

  private static final class Hour {
    long normalMs;
    long premiumMs;
    double transferGb;
    long transferMicros;
  }

  private final long priceMicros;
  private final long premiumPriceMicros;
  private final ScenarioEffects effects;
  private final long runStart;
  private final Map<String, Long> accruedUntil = new LinkedHashMap<>();
  private final TreeMap<Long, Hour> hours = new TreeMap<>();

  BillingAccumulator(long priceMicros, ScenarioEffects effects, long runStart) {
    this.priceMicros = priceMicros;
    this.premiumPriceMicros = Math.round(priceMicros * ScenarioEffects.PRICIER_REGION_PREMIUM);
    this.effects = effects;
    this.runStart = runStart;
  }

  void started(String replicaId, long t, double coldStartGb) {
    accruedUntil.put(replicaId, t);
    if (coldStartGb > 0) {
      Hour hour = hour(Time.hourStart(t));
      hour.transferGb += coldStartGb;
      hour.transferMicros += InstanceCatalog.transferMicros(coldStartGb);
    }
  }

  void stopped(String replicaId, long t) {
    Long from = accruedUntil.remove(replicaId);
    if (from != null) {
      accrue(from, t);
    }
  }

  /** Closes every hour that ends at or before {@code t}; returns their line items, by hour. */
  List<Line> closeHoursEndingBy(long t) {
    List<Line> lines = new ArrayList<>();
    long lastHourEnd = Time.hourStart(t);
    accrueRunningTo(lastHourEnd);
    while (!hours.isEmpty() && hours.firstKey() + Time.HOUR_MS <= lastHourEnd) {
      Map.Entry<Long, Hour> entry = hours.pollFirstEntry();
      addLines(entry.getKey(), entry.getKey() + Time.HOUR_MS, entry.getValue(), lines);
    }
    return lines;
  }

  /** Closes everything at the end of the run: the last hour is billed up to {@code runEnd}. */
  List<Line> closeAll(long runEnd) {
    List<Line> lines = closeHoursEndingBy(runEnd);
    accrueRunningTo(runEnd);
    while (!hours.isEmpty()) {
      Map.Entry<Long, Hour> entry = hours.pollFirstEntry();
      addLines(entry.getKey(), Math.min(entry.getKey() + Time.HOUR_MS, runEnd), entry.getValue(), lines);
    }
    return lines;
  }

  private void accrueRunningTo(long t) {
    for (Map.Entry<String, Long> running : accruedUntil.entrySet()) {
      if (running.getValue() < t) {
        accrue(running.getValue(), t);
        running.setValue(t);
      }
    }
  }

  private void accrue(long from, long to) {
    long s = from;
    while (s < to) {
      long e = Math.min(to, Math.min(Time.hourStart(s) + Time.HOUR_MS, effects.nextBoundaryAfter(s)));
      Hour hour = hour(Time.hourStart(s));
      if (effects.billingFactor(s) != 1.0) {
        hour.premiumMs += e - s;
      } else {
        hour.normalMs += e - s;
      }
      s = e;
    }
  }

  private Hour hour(long hourStart) {
    return hours.computeIfAbsent(hourStart, h -> new Hour());
  }

  private void addLines(long hourStart, long hourEnd, Hour hour, List<Line> lines) {
    long usageStart = Math.max(hourStart, runStart);
    long replicaMs = hour.normalMs + hour.premiumMs;
    if (replicaMs > 0) {
      long cost = Money.forDuration(priceMicros, hour.normalMs) + Money.forDuration(premiumPriceMicros, hour.premiumMs);
      lines.add(new Line(usageStart, hourEnd, true, round6(replicaMs / (double) Time.HOUR_MS), "instance-hour", cost));
    }
    if (hour.transferMicros > 0) {
      lines.add(new Line(usageStart, hourEnd, false, round6(hour.transferGb), "GB", hour.transferMicros));
    }
  }

  private static double round6(double value) {
    return Math.round(value * 1e6) / 1e6;
  }
}
