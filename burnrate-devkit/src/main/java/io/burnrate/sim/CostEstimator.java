package io.burnrate.sim;

import io.burnrate.core.Money;
import io.burnrate.core.Time;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

/**
 * Expected spend of an endpoint without noise: its traffic shape through the autoscaler in
 * five-minute steps, priced per replica-hour plus one transfer per cold start. Used to size budgets
 * and replica limits before the run, and to say which budget tiers a BUDGET_OVERRUN window reaches.
 */
final class CostEstimator {
  private static final long STEP_MS = 5 * Time.MINUTE_MS;

  /** What the estimator needs to know of an endpoint. */
  record Model(
      double peakLoad, ZoneId zone, int minReplicas, int maxReplicas, long priceMicros, long transferMicros,
      long scaleDownDelayMs, ScenarioEffects effects) {}

  /**
   * @param hourSpend spend per UTC hour start
   * @param daySpend spend per budget day (local midnight)
   * @param peakReplicas most replicas at any step
   */
  record Estimate(Map<Long, Long> hourSpend, Map<Long, Long> daySpend, int peakReplicas) {
    long maxHourMicros() {
      return hourSpend.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    long maxDayMicros() {
      return daySpend.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }
  }

  private CostEstimator() {}

  /**
   * Runs the model over [from, to) with the usual load times {@code loadScale}; scenario effects on
   * rate, service time and billing apply inside their windows.
   */
  static Estimate estimate(Model model, long from, long to, double loadScale) {
    Autoscaler autoscaler = new Autoscaler(model.minReplicas(), model.maxReplicas(), model.scaleDownDelayMs());
    Map<Long, Long> hours = new TreeMap<>();
    Map<Long, Long> days = new TreeMap<>();
    LocalClock clock = new LocalClock(model.zone());
    int replicas = autoscaler.settled(load(model, clock, from, loadScale));
    int peak = replicas;
    long dayStart = Long.MIN_VALUE;
    long dayEnd = Long.MIN_VALUE;
    long daySpend = 0;
    long hour = Long.MIN_VALUE;
    long hourSpend = 0;
    for (long t = from; t < to; t += STEP_MS) {
      double offered = load(model, clock, t, loadScale);
      int desired = autoscaler.desired(t, offered, replicas);
      long spend = 0;
      if (desired > replicas) {
        spend += (desired - replicas) * model.transferMicros();
      }
      replicas = desired;
      peak = Math.max(peak, replicas);
      long compute = Money.forDuration(model.priceMicros(), STEP_MS) * replicas;
      spend += Math.round(compute * model.effects().billingFactor(t));
      if (t >= dayEnd) {
        if (dayEnd != Long.MIN_VALUE) {
          days.merge(dayStart, daySpend, Long::sum);
        }
        dayStart = Time.dayStart(t, model.zone());
        dayEnd = Time.dayEnd(t, model.zone());
        daySpend = 0;
      }
      if (Time.hourStart(t) != hour) {
        if (hour != Long.MIN_VALUE) {
          hours.put(hour, hourSpend);
        }
        hour = Time.hourStart(t);
        hourSpend = 0;
      }
      hourSpend += spend;
      daySpend += spend;
    }
    if (hour != Long.MIN_VALUE) {
      hours.put(hour, hourSpend);
      days.merge(dayStart, daySpend, Long::sum);
    }
    return new Estimate(hours, days, peak);
  }

  /** Offered work (busy replica-equivalents) at {@code t}. */
  private static double load(Model model, LocalClock clock, long t, double loadScale) {
    ScenarioEffects effects = model.effects();
    return model.peakLoad() * loadScale * clock.shape(t) * effects.rateFactor(t) * effects.serviceFactor(t);
  }
}
