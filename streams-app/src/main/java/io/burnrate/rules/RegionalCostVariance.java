package io.burnrate.rules;

import io.burnrate.core.Ids;
import io.burnrate.core.Money;
import io.burnrate.core.Time;
import io.burnrate.meter.PriceTable;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * REGIONAL_COST_VARIANCE over one instance type in one closed hour. Per region, the cost per
 * instance-hour is the compute spend over the ready replica time of the region's endpoints, divided
 * by the region's configured price multiplier. A region whose cost is more than the threshold above
 * the cheapest region's is a variance, and every endpoint in it is alerted on with its own threshold
 * (its owner is the one who can move it). Exactly at the threshold does not fire; the comparison is
 * exact, in whole micro-dollars and milliseconds.
 *
 * <p>The reference is the cheapest region, not the median: the rule asks whether regions differ by
 * more than the threshold, the cheapest region shows what the instance type can cost, and with two
 * regions (the common case) a median would sit between them and halve the difference. The cheapest
 * region never fires. Endpoints without ready replica time or compute spend have no instance-hour to
 * price and are left out; an hour with fewer than two regions left has nothing to compare.
 *
 * <p>Lifecycle, as for the other closed-hour rules (one alert per endpoint and hour): an hour is
 * compared once stream time has passed its end plus the settle delay, and its alerts resolve once
 * the next hour has settled. Figures revised by a late bill compare the hour again and alert on
 * endpoints newly above the line; no alert is taken back. Deterministic: regions and endpoints are
 * visited in sorted order, and {@code detected_at} is derived from the hour, not from arrival.
 */
public final class RegionalCostVariance {
  private static final AlertRule RULE = AlertRule.REGIONAL_COST_VARIANCE;

  /**
   * An endpoint in a region above the reference, with the figures that put it there. {@code excess}
   * is the region's cost over the reference's, both at base rates (divided by their multipliers),
   * minus one; the other figures are USD per instance-hour.
   */
  public record Variance(
      EndpointHour endpoint,
      double excess,
      double usdPerInstanceHour,
      double multiplier,
      double baseUsdPerInstanceHour,
      String referenceRegion,
      double referenceBaseUsdPerInstanceHour) {}

  private final PriceTable prices;
  private final long settleMs;
  private final long revisionWindowMs;

  /**
   * @param prices where the regional multipliers come from
   * @param settleMs how long after an hour's end its figures are taken as complete
   * @param revisionWindowMs how long after an hour's end a late bill may still revise it (the
   *     billing grace); the hour is remembered that long past its settling
   */
  public RegionalCostVariance(PriceTable prices, long settleMs, long revisionWindowMs) {
    if (settleMs < 0 || revisionWindowMs < 0) {
      throw new IllegalArgumentException("regional cost variance: settle delay (" + settleMs
          + " ms) and revision window (" + revisionWindowMs + " ms) must not be negative");
    }
    this.prices = prices;
    this.settleMs = settleMs;
    this.revisionWindowMs = revisionWindowMs;
  }

  /** When the hour starting at {@code hourStart} is compared. */
  public long comparedAt(long hourStart) {
    return hourStart + Time.HOUR_MS + settleMs;
  }

  /** When the hour's alerts resolve: the next hour has settled. */
  public long resolvedAt(long hourStart) {
    return comparedAt(hourStart) + Time.HOUR_MS;
  }

  /** From when the hour is no longer remembered: no bill can revise it any more. */
  public long forgottenAt(long hourStart) {
    return Math.max(resolvedAt(hourStart), hourStart + Time.HOUR_MS + settleMs + revisionWindowMs);
  }

  public static String alertId(String endpointId, long hourStart) {
    return Ids.nameBased(endpointId, RULE, hourStart);
  }

  /** The comparison itself: the endpoints above the line, sorted by region and endpoint. */
  public List<Variance> compare(Collection<EndpointHour> figures) {
    Map<String, RegionTotal> regions = new TreeMap<>();
    List<EndpointHour> sorted = new ArrayList<>(figures);
    sorted.sort(Comparator.comparing(EndpointHour::region).thenComparing(EndpointHour::endpointId));
    for (EndpointHour endpoint : sorted) {
      double multiplier = prices.regionMultiplier(endpoint.region());
      if (endpoint.comparable() && multiplier > 0 && Double.isFinite(multiplier)) {
        regions.computeIfAbsent(endpoint.region(), region -> new RegionTotal(region, multiplier)).add(endpoint);
      }
    }
    if (regions.size() < 2) {
      return List.of();
    }
    RegionTotal reference = null;
    for (RegionTotal region : regions.values()) {
      if (reference == null || region.cheaperThan(reference)) {
        reference = region;
      }
    }
    List<Variance> variances = new ArrayList<>();
    for (RegionTotal region : regions.values()) {
      if (region == reference) {
        continue;
      }
      for (EndpointHour endpoint : region.endpoints) {
        if (region.exceeds(reference, endpoint.threshold())) {
          variances.add(new Variance(endpoint, region.baseUsdPerHour() / reference.baseUsdPerHour() - 1,
              region.usdPerHour(), region.multiplier, region.baseUsdPerHour(), reference.region,
              reference.baseUsdPerHour()));
        }
      }
    }
    return variances;
  }

  /**
   * Adds or replaces one endpoint's figures (arrived at event time {@code at}). On an hour already
   * compared, compares again at once and alerts on the endpoints newly above the line (resolved at
   * once too, when the hour's alerts already were).
   */
  public List<CostAlert> onFigures(RegionalHour hour, EndpointHour figures, long at) {
    if (!figures.instanceType().equals(hour.instanceType) || figures.hourStart() != hour.hourStart) {
      throw new IllegalArgumentException("figures of " + figures.endpointId() + " for " + figures.instanceType()
          + " at " + Time.iso(figures.hourStart()) + " do not belong to the hour of " + hour.instanceType + " at "
          + Time.iso(hour.hourStart));
    }
    hour.endpoints.put(figures.endpointId(), figures);
    if (!hour.compared) {
      return List.of();
    }
    List<CostAlert> alerts = new ArrayList<>();
    List<String> fired = fire(hour, Math.max(at, comparedAt(hour.hourStart)), alerts);
    if (hour.resolved) {
      for (String endpointId : fired) {
        alerts.add(resolution(hour, endpointId, Math.max(at, resolvedAt(hour.hourStart))));
      }
    }
    return alerts;
  }

  /**
   * Moves the hour on to {@code settledTime}, a stream time that every record up to it has reached:
   * compares it once it has settled, resolves its alerts once the next hour has.
   */
  public List<CostAlert> onSettled(RegionalHour hour, long settledTime) {
    List<CostAlert> alerts = new ArrayList<>();
    long compareAt = comparedAt(hour.hourStart);
    if (!hour.compared && settledTime >= compareAt) {
      hour.compared = true;
      fire(hour, compareAt, alerts);
    }
    long resolveAt = resolvedAt(hour.hourStart);
    if (hour.compared && !hour.resolved && settledTime >= resolveAt) {
      hour.resolved = true;
      for (String endpointId : hour.fired.keySet()) {
        alerts.add(resolution(hour, endpointId, resolveAt));
      }
    }
    return alerts;
  }

  public boolean forgotten(RegionalHour hour, long settledTime) {
    return settledTime >= forgottenAt(hour.hourStart);
  }

  private List<String> fire(RegionalHour hour, long detectedAt, List<CostAlert> alerts) {
    List<String> newlyFired = new ArrayList<>();
    for (Variance variance : compare(hour.endpoints.values())) {
      EndpointHour endpoint = variance.endpoint();
      if (hour.fired.containsKey(endpoint.endpointId())) {
        continue;
      }
      hour.fired.put(endpoint.endpointId(),
          new RegionalHour.Fired(endpoint.threshold(), variance.referenceBaseUsdPerInstanceHour()));
      newlyFired.add(endpoint.endpointId());
      alerts.add(alert(hour, endpoint, AlertStatus.FIRING, variance.excess(), endpoint.threshold(),
          variance.referenceBaseUsdPerInstanceHour(), detectedAt, firingMessage(hour, variance)));
    }
    return newlyFired;
  }

  private CostAlert resolution(RegionalHour hour, String endpointId, long detectedAt) {
    RegionalHour.Fired fired = hour.fired.get(endpointId);
    // As for the other closed-hour rules: nothing is measured when the hour is over, so observed
    // repeats the threshold.
    return alert(hour, hour.endpoints.get(endpointId), AlertStatus.RESOLVED, fired.threshold(), fired.threshold(),
        fired.baselineUsdPerHour(), detectedAt, String.format(Locale.ROOT, "%s: the hour from %s UTC is over",
            endpointId, Time.hhmm(hour.hourStart, ZoneOffset.UTC)));
  }

  private static String firingMessage(RegionalHour hour, Variance v) {
    EndpointHour e = v.endpoint();
    return String.format(Locale.ROOT,
        "%s paid $%.4f per %s instance-hour in %s in the hour from %s UTC, $%.4f at base rates (region"
            + " multiplier %s): %.0f%% above %s at $%.4f (limit %s%%)",
        e.endpointId(), v.usdPerInstanceHour(), hour.instanceType, e.region(), Time.hhmm(hour.hourStart, ZoneOffset.UTC),
        v.baseUsdPerInstanceHour(), plain(v.multiplier()), v.excess() * 100, v.referenceRegion(),
        v.referenceBaseUsdPerInstanceHour(), plain(e.threshold() * 100));
  }

  private static String plain(double value) {
    return BigDecimal.valueOf(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }

  private static CostAlert alert(
      RegionalHour hour, EndpointHour endpoint, AlertStatus status, double observed, double threshold,
      double baseline, long detectedAt, String message) {
    RuleCatalog.RuleFacts facts = RuleCatalog.of(RULE);
    return CostAlert.newBuilder()
        .setAlertId(alertId(endpoint.endpointId(), hour.hourStart))
        .setEndpointId(endpoint.endpointId())
        .setRule(RULE)
        .setSeverity(facts.severity())
        .setStatus(status)
        .setWindowStart(Instant.ofEpochMilli(hour.hourStart))
        .setWindowEnd(Instant.ofEpochMilli(hour.hourStart + Time.HOUR_MS))
        .setObserved(observed)
        .setThreshold(threshold)
        .setBaseline(baseline)
        .setUnit(facts.unit())
        .setMessage(message)
        .setDetectedAt(Instant.ofEpochMilli(detectedAt))
        .setOwner(endpoint.owner())
        .setRegion(endpoint.region())
        .setInstanceType(hour.instanceType)
        .build();
  }

  /** One region's endpoints of the instance type in the hour, summed. */
  private static final class RegionTotal {
    final String region;
    final double multiplier;
    final List<EndpointHour> endpoints = new ArrayList<>();
    long computeMicros;
    long replicaMs;

    RegionTotal(String region, double multiplier) {
      this.region = region;
      this.multiplier = multiplier;
    }

    void add(EndpointHour endpoint) {
      endpoints.add(endpoint);
      computeMicros += endpoint.computeMicros();
      replicaMs += endpoint.replicaMs();
    }

    double usdPerHour() {
      return Money.usd(computeMicros) * Time.HOUR_MS / replicaMs;
    }

    double baseUsdPerHour() {
      return usdPerHour() / multiplier;
    }

    /** compute / (time x multiplier) below the other's, cross-multiplied so that nothing is rounded. */
    boolean cheaperThan(RegionTotal other) {
      return weighted(computeMicros, other.replicaMs, other.multiplier)
          .compareTo(weighted(other.computeMicros, replicaMs, multiplier)) < 0;
    }

    /** Base cost above (1 + threshold) x the reference's; never for a threshold that is no number. */
    boolean exceeds(RegionTotal reference, double threshold) {
      if (!Double.isFinite(threshold)) {
        return false;
      }
      BigDecimal mine = weighted(computeMicros, reference.replicaMs, reference.multiplier);
      BigDecimal limit = weighted(reference.computeMicros, replicaMs, multiplier)
          .multiply(BigDecimal.ONE.add(BigDecimal.valueOf(threshold)));
      return mine.compareTo(limit) > 0;
    }

    private static BigDecimal weighted(long micros, long ms, double multiplier) {
      return BigDecimal.valueOf(micros).multiply(BigDecimal.valueOf(ms)).multiply(BigDecimal.valueOf(multiplier));
    }
  }
}
