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
import java.time.LocalDate;
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
 * <p>Lifecycle: episodes. An hour is compared once stream time has passed its end plus the settle
 * delay, hours of an instance type in the order of their start. An endpoint above the line in a
 * compared hour starts an episode, unless it has one open: one alert id (from the endpoint and the
 * episode's first hour, {@link #alertId}), one FIRING, one RESOLVED. The episode stays open through
 * the following hours while the endpoint is above the line or above the resolve line, threshold x
 * (1 - hysteresis), and resolves at the {@code clearHours}-th compared hour in a row in which it is
 * clear: at or below the resolve line, or without comparable figures (no ready replica time or
 * compute spend, fewer than two regions, no figures at all). The RESOLVED names the hours the
 * episode was above the line.
 *
 * <p>The rule is advice (INFO), not a page: at most one FIRING per endpoint and UTC day, the day of
 * the hour the episode starts in. An episode that starts on a day the endpoint was already announced
 * on is tracked all the same, so that it ends where it should, but emits neither FIRING nor RESOLVED.
 *
 * <p>Figures revised by a late bill compare the hour again at once; an endpoint newly above the line
 * in it starts an episode only if it has none open and no episode covered it in that hour. Such an
 * episode covers only the revised hour, and is over at once, when the next hour was compared
 * already. No alert is taken back. Deterministic: regions and endpoints are visited in sorted order,
 * and {@code detected_at} is derived from the hours, not from arrival.
 *
 * <p>The rule holds no state: hours are {@link RegionalHour}s, episodes {@link RegionalEpisode}s in
 * the caller's {@link RegionalEpisodes}; one instance serves every task.
 */
public final class RegionalCostVariance {
  private static final AlertRule RULE = AlertRule.REGIONAL_COST_VARIANCE;
  /** Fraction below the threshold an endpoint must come down to for its episode to resolve. */
  public static final double DEFAULT_HYSTERESIS = 0.10;
  /** Clear compared hours in a row that resolve an episode: the first one. */
  public static final int DEFAULT_CLEAR_HOURS = 1;

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

  /** Where an endpoint stands in a compared hour. */
  public enum Standing {
    /** Above its threshold: starts an episode or keeps one going. */
    ABOVE,
    /** Not above the threshold but above the resolve line: keeps an open episode open, starts none. */
    HOLDING,
    /** At or below the resolve line, or nothing to compare: counts towards resolving. */
    CLEAR
  }

  /** One endpoint of a compared hour: its standing, with its variance unless it is clear. */
  public record Judged(EndpointHour endpoint, Standing standing, Variance variance) {}

  private final PriceTable prices;
  private final long settleMs;
  private final long revisionWindowMs;
  private final double hysteresis;
  private final int clearHours;

  /**
   * @param prices where the regional multipliers come from
   * @param settleMs how long after an hour's end its figures are taken as complete
   * @param revisionWindowMs how long after an hour's end a late bill may still revise it (the
   *     billing grace); the hour is remembered that long past its settling
   * @param hysteresis fraction below the threshold that counts as clear, in [0, 1): an episode stays
   *     open while the endpoint's excess is above threshold x (1 - hysteresis)
   * @param clearHours compared hours in a row the endpoint must be clear for its episode to resolve
   *     (at least 1; 1 resolves at the first clear hour)
   */
  public RegionalCostVariance(
      PriceTable prices, long settleMs, long revisionWindowMs, double hysteresis, int clearHours) {
    if (settleMs < 0 || revisionWindowMs < 0) {
      throw new IllegalArgumentException("regional cost variance: settle delay (" + settleMs
          + " ms) and revision window (" + revisionWindowMs + " ms) must not be negative");
    }
    if (!(hysteresis >= 0 && hysteresis < 1)) {
      throw new IllegalArgumentException("regional cost variance: hysteresis " + hysteresis
          + " is out of range: allowed 0 (inclusive) to 1 (exclusive)");
    }
    if (clearHours < 1) {
      throw new IllegalArgumentException("regional cost variance: clear hours " + clearHours
          + " is out of range: at least 1 (the first clear hour resolves)");
    }
    this.prices = prices;
    this.settleMs = settleMs;
    this.revisionWindowMs = revisionWindowMs;
    this.hysteresis = hysteresis;
    this.clearHours = clearHours;
  }

  /** When the hour starting at {@code hourStart} is compared. */
  public long comparedAt(long hourStart) {
    return hourStart + Time.HOUR_MS + settleMs;
  }

  /** When the hour after it is compared: from then on a revision of the hour ends its episode at once. */
  public long nextComparedAt(long hourStart) {
    return comparedAt(hourStart + Time.HOUR_MS);
  }

  /** From when the hour is no longer remembered: no bill can revise it any more. */
  public long forgottenAt(long hourStart) {
    return Math.max(nextComparedAt(hourStart), hourStart + Time.HOUR_MS + settleMs + revisionWindowMs);
  }

  /** The alert id of the endpoint's episode that starts in the hour starting at {@code startHour}. */
  public static String alertId(String endpointId, long startHour) {
    return Ids.nameBased(endpointId, RULE, startHour);
  }

  /** The UTC day (its midnight) of an hour: advice goes out at most once per endpoint and such day. */
  public static long adviceDay(long hourStart) {
    return Math.floorDiv(hourStart, Time.DAY_MS) * Time.DAY_MS;
  }

  /** The comparison itself: the endpoints above the line, sorted by region and endpoint. */
  public List<Variance> compare(Collection<EndpointHour> figures) {
    List<Variance> variances = new ArrayList<>();
    for (Judged judged : judge(figures)) {
      if (judged.standing() == Standing.ABOVE) {
        variances.add(judged.variance());
      }
    }
    return variances;
  }

  /** Every endpoint's standing in an hour with these figures, sorted by region and endpoint. */
  public List<Judged> judge(Collection<EndpointHour> figures) {
    Map<String, RegionTotal> regions = new TreeMap<>();
    List<EndpointHour> sorted = new ArrayList<>(figures);
    sorted.sort(Comparator.comparing(EndpointHour::region).thenComparing(EndpointHour::endpointId));
    for (EndpointHour endpoint : sorted) {
      double multiplier = prices.regionMultiplier(endpoint.region());
      if (endpoint.comparable() && multiplier > 0 && Double.isFinite(multiplier)) {
        regions.computeIfAbsent(endpoint.region(), region -> new RegionTotal(region, multiplier)).add(endpoint);
      }
    }
    RegionTotal reference = null;
    if (regions.size() >= 2) {
      for (RegionTotal region : regions.values()) {
        if (reference == null || region.cheaperThan(reference)) {
          reference = region;
        }
      }
    }
    List<Judged> judged = new ArrayList<>(sorted.size());
    for (EndpointHour endpoint : sorted) {
      RegionTotal region = endpoint.comparable() ? regions.get(endpoint.region()) : null;
      if (reference == null || region == null || region == reference || !Double.isFinite(endpoint.threshold())) {
        judged.add(new Judged(endpoint, Standing.CLEAR, null));
        continue;
      }
      BigDecimal threshold = BigDecimal.valueOf(endpoint.threshold());
      BigDecimal resolveLine = threshold.multiply(BigDecimal.ONE.subtract(BigDecimal.valueOf(hysteresis)));
      Standing standing;
      if (region.exceeds(reference, threshold)) {
        standing = Standing.ABOVE;
      } else if (region.exceeds(reference, resolveLine)) {
        standing = Standing.HOLDING;
      } else {
        judged.add(new Judged(endpoint, Standing.CLEAR, null));
        continue;
      }
      judged.add(new Judged(endpoint, standing, new Variance(endpoint,
          region.baseUsdPerHour() / reference.baseUsdPerHour() - 1, region.usdPerHour(), region.multiplier,
          region.baseUsdPerHour(), reference.region, reference.baseUsdPerHour())));
    }
    return judged;
  }

  /**
   * Adds or replaces one endpoint's figures (arrived at event time {@code at}). On an hour already
   * compared, compares again at once and starts an episode for each endpoint newly above the line
   * that has none open; over at once too when the next hour was compared already.
   */
  public List<CostAlert> onFigures(RegionalHour hour, EndpointHour figures, long at, RegionalEpisodes episodes) {
    if (!figures.instanceType().equals(hour.instanceType) || figures.hourStart() != hour.hourStart) {
      throw new IllegalArgumentException("figures of " + figures.endpointId() + " for " + figures.instanceType()
          + " at " + Time.iso(figures.hourStart()) + " do not belong to the hour of " + hour.instanceType + " at "
          + Time.iso(hour.hourStart));
    }
    takeOverLegacyAlerts(hour, episodes);
    hour.endpoints.put(figures.endpointId(), figures);
    if (!hour.compared) {
      return List.of();
    }
    List<CostAlert> alerts = new ArrayList<>();
    long detectedAt = Math.max(at, comparedAt(hour.hourStart));
    for (Judged judged : judge(hour.endpoints.values())) {
      String endpointId = judged.endpoint().endpointId();
      if (judged.standing() != Standing.ABOVE || hour.covered.contains(endpointId)) {
        continue;
      }
      RegionalEpisode episode = episodes.get(hour.instanceType, endpointId);
      if (episode != null && episode.open()) {
        continue;
      }
      if (episode == null) {
        episode = new RegionalEpisode(hour.instanceType, endpointId);
      }
      start(hour, episode, judged.variance(), detectedAt, alerts);
      if (hour.nextCompared) {
        resolve(episode, Math.max(at, nextComparedAt(hour.hourStart)), alerts);
      }
      save(episodes, episode);
    }
    return alerts;
  }

  /**
   * Moves the hour on to {@code settledTime}, a stream time that every record up to it has reached:
   * compares it once it has settled, which starts, continues or resolves the episodes of its
   * endpoints. Call it for the hours in the order of their start, then {@link #settleEpisodes} for the
   * episodes of endpoints the hours left out.
   */
  public List<CostAlert> onSettled(RegionalHour hour, long settledTime, RegionalEpisodes episodes) {
    takeOverLegacyAlerts(hour, episodes);
    List<CostAlert> alerts = new ArrayList<>();
    long compareAt = comparedAt(hour.hourStart);
    if (!hour.compared && settledTime >= compareAt) {
      hour.compared = true;
      compare(hour, compareAt, episodes, alerts);
    }
    if (hour.compared && !hour.nextCompared && settledTime >= nextComparedAt(hour.hourStart)) {
      hour.nextCompared = true;
    }
    return alerts;
  }

  /**
   * Moves every episode on to {@code settledTime}, after the hours up to it have been compared: an
   * hour compared without the endpoint's figures (or with no figures of its instance type at all)
   * counts as clear. Forgets the advice days no revision can reach any more, and the records left
   * empty.
   */
  public List<CostAlert> settleEpisodes(RegionalEpisodes episodes, long settledTime) {
    List<CostAlert> alerts = new ArrayList<>();
    for (RegionalEpisode episode : episodes.all()) {
      boolean changed = false;
      if (episode.open()) {
        for (long hour = episode.lastHour + Time.HOUR_MS; episode.open() && comparedAt(hour) <= settledTime;
            hour += Time.HOUR_MS) {
          clearHour(episode, hour, alerts);
          changed = true;
        }
      }
      while (!episode.announcedDays.isEmpty()
          && settledTime >= forgottenAt(episode.announcedDays.first() + Time.DAY_MS - Time.HOUR_MS)) {
        episode.announcedDays.pollFirst();
        changed = true;
      }
      if (changed) {
        save(episodes, episode);
      }
    }
    return alerts;
  }

  public boolean forgotten(RegionalHour hour, long settledTime) {
    return settledTime >= forgottenAt(hour.hourStart);
  }

  private void compare(RegionalHour hour, long detectedAt, RegionalEpisodes episodes, List<CostAlert> alerts) {
    for (Judged judged : judge(hour.endpoints.values())) {
      String endpointId = judged.endpoint().endpointId();
      RegionalEpisode episode = episodes.get(hour.instanceType, endpointId);
      boolean wasOpen = episode != null && episode.open();
      if (wasOpen) {
        if (hour.hourStart <= episode.lastHour) {
          continue; // an hour compared late, after the episode had moved past it: as a revision
        }
        // Hours between the episode's last and this one were compared without the endpoint: clear.
        for (long gap = episode.lastHour + Time.HOUR_MS; episode.open() && gap < hour.hourStart; gap += Time.HOUR_MS) {
          clearHour(episode, gap, alerts);
        }
      }
      if (episode != null && episode.open()) {
        episode.lastHour = hour.hourStart;
        switch (judged.standing()) {
          case ABOVE -> {
            episode.lastBreachHour = hour.hourStart;
            episode.breachHours++;
            episode.clearHours = 0;
            hour.covered.add(endpointId);
          }
          case HOLDING -> {
            episode.clearHours = 0;
            hour.covered.add(endpointId);
          }
          case CLEAR -> {
            episode.clearHours++;
            if (episode.clearHours >= clearHours) {
              resolve(episode, detectedAt, alerts);
            }
          }
        }
        save(episodes, episode);
      } else if (judged.standing() == Standing.ABOVE) {
        if (episode == null) {
          episode = new RegionalEpisode(hour.instanceType, endpointId);
        }
        start(hour, episode, judged.variance(), detectedAt, alerts);
        save(episodes, episode);
      } else if (wasOpen) {
        save(episodes, episode); // resolved by the hours before this one
      }
    }
  }

  /** The open episode's endpoint was clear in the hour starting at {@code hourStart}. */
  private void clearHour(RegionalEpisode episode, long hourStart, List<CostAlert> alerts) {
    episode.lastHour = hourStart;
    episode.clearHours++;
    if (episode.clearHours >= clearHours) {
      resolve(episode, comparedAt(hourStart), alerts);
    }
  }

  private void start(RegionalHour hour, RegionalEpisode episode, Variance variance, long detectedAt,
      List<CostAlert> alerts) {
    EndpointHour endpoint = variance.endpoint();
    episode.startHour = hour.hourStart;
    episode.lastHour = hour.hourStart;
    episode.lastBreachHour = hour.hourStart;
    episode.breachHours = 1;
    episode.clearHours = 0;
    episode.threshold = endpoint.threshold();
    episode.baselineUsdPerHour = variance.referenceBaseUsdPerInstanceHour();
    episode.owner = endpoint.owner();
    episode.region = endpoint.region();
    episode.announced = episode.announcedDays.add(adviceDay(hour.hourStart));
    hour.covered.add(endpoint.endpointId());
    if (episode.announced) {
      // The comparison is exact; the ratio in doubles could round onto the threshold: never report that.
      double observed =
          variance.excess() > endpoint.threshold() ? variance.excess() : Math.nextUp(endpoint.threshold());
      alerts.add(alert(episode, hour.hourStart, hour.hourStart + Time.HOUR_MS, AlertStatus.FIRING, observed,
          detectedAt, firingMessage(hour, variance)));
    }
  }

  private void resolve(RegionalEpisode episode, long detectedAt, List<CostAlert> alerts) {
    if (episode.announced) {
      long end = episode.lastBreachHour + Time.HOUR_MS;
      // As for the other closed-hour rules: nothing is measured when the episode is over, so observed
      // repeats the threshold.
      alerts.add(alert(episode, episode.startHour, end, AlertStatus.RESOLVED, episode.threshold, detectedAt,
          String.format(Locale.ROOT, "%s: the regional difference of %s UTC is over (%d %s above the line)",
              episode.endpointId, span(episode.startHour, end), episode.breachHours,
              episode.breachHours == 1 ? "hour" : "hours")));
    }
    episode.close();
  }

  /**
   * Alerts a format-1 record of the hour names become covered endpoints and announced days; the one
   * still open (the hour compared, the next one not yet) becomes an open episode with that alert's id.
   */
  private static void takeOverLegacyAlerts(RegionalHour hour, RegionalEpisodes episodes) {
    if (hour.legacyAlerts.isEmpty()) {
      return;
    }
    for (Map.Entry<String, RegionalHour.Fired> legacy : hour.legacyAlerts.entrySet()) {
      String endpointId = legacy.getKey();
      hour.covered.add(endpointId);
      RegionalEpisode episode = episodes.get(hour.instanceType, endpointId);
      if (episode == null) {
        episode = new RegionalEpisode(hour.instanceType, endpointId);
      }
      episode.announcedDays.add(adviceDay(hour.hourStart));
      EndpointHour figures = hour.endpoints.get(endpointId);
      if (hour.compared && !hour.nextCompared && !episode.open() && figures != null) {
        episode.startHour = hour.hourStart;
        episode.lastHour = hour.hourStart;
        episode.lastBreachHour = hour.hourStart;
        episode.breachHours = 1;
        episode.clearHours = 0;
        episode.announced = true;
        episode.threshold = legacy.getValue().threshold();
        episode.baselineUsdPerHour = legacy.getValue().baselineUsdPerHour();
        episode.owner = figures.owner();
        episode.region = figures.region();
      }
      save(episodes, episode);
    }
    hour.legacyAlerts.clear();
  }

  private static void save(RegionalEpisodes episodes, RegionalEpisode episode) {
    if (episode.empty()) {
      episodes.delete(episode.instanceType, episode.endpointId);
    } else {
      episodes.put(episode);
    }
  }

  /** "09:00-14:00" within one UTC day, with the dates when the hours span several. */
  private static String span(long start, long end) {
    if (adviceDay(start) == adviceDay(end - 1)) {
      return Time.hhmm(start, ZoneOffset.UTC) + "-" + Time.hhmm(end, ZoneOffset.UTC);
    }
    return dateTime(start) + " to " + dateTime(end);
  }

  private static String dateTime(long t) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(t), ZoneOffset.UTC) + " " + Time.hhmm(t, ZoneOffset.UTC);
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

  private static CostAlert alert(RegionalEpisode episode, long windowStart, long windowEnd, AlertStatus status,
      double observed, long detectedAt, String message) {
    RuleCatalog.RuleFacts facts = RuleCatalog.of(RULE);
    return CostAlert.newBuilder()
        .setAlertId(alertId(episode.endpointId, episode.startHour))
        .setEndpointId(episode.endpointId)
        .setRule(RULE)
        .setSeverity(facts.severity())
        .setStatus(status)
        .setWindowStart(Instant.ofEpochMilli(windowStart))
        .setWindowEnd(Instant.ofEpochMilli(windowEnd))
        .setObserved(observed)
        .setThreshold(episode.threshold)
        .setBaseline(episode.baselineUsdPerHour)
        .setUnit(facts.unit())
        .setMessage(message)
        .setDetectedAt(Instant.ofEpochMilli(detectedAt))
        .setOwner(episode.owner)
        .setRegion(episode.region)
        .setInstanceType(episode.instanceType)
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

    /** Base cost above (1 + ratio) x the reference's. */
    boolean exceeds(RegionTotal reference, BigDecimal ratio) {
      BigDecimal mine = weighted(computeMicros, reference.replicaMs, reference.multiplier);
      BigDecimal limit = weighted(reference.computeMicros, replicaMs, multiplier).multiply(BigDecimal.ONE.add(ratio));
      return mine.compareTo(limit) > 0;
    }

    private static BigDecimal weighted(long micros, long ms, double multiplier) {
      return BigDecimal.valueOf(micros).multiply(BigDecimal.valueOf(ms)).multiply(BigDecimal.valueOf(multiplier));
    }
  }
}
