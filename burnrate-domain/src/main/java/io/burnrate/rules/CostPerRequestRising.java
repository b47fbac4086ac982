package io.burnrate.rules;

import io.burnrate.core.Money;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;
import java.math.BigDecimal;
import java.util.OptionalDouble;

/**
 * COST_PER_REQUEST_RISING: a closed hour's cost per request above factor x its usual level for that
 * hour of the week (its own hour only: the pooled weekday level would make a quiet weekend hour look
 * expensive per request). The hour must also be above the usual level plus the configured robust
 * spread, worth more than the spend floor, with enough requests, and the hours before it must have
 * breached too (the minimum breach hours). While the seasonal baseline warms up it is silent, or,
 * when configured, judged against the trailing closed hours.
 */
public final class CostPerRequestRising extends FixedFacts implements ClosedHourRule {
  private static final int MIN_TRAILING_HOURS = 3;

  public CostPerRequestRising() {
    super(AlertRule.COST_PER_REQUEST_RISING, Severity.WARNING, "USD/request", 1.5);
  }

  @Override
  public Reading judge(HourFigures hour, EndpointSettings endpoint, double hysteresis) {
    if (hour.requests() < hour.judging().minRequests()) {
      return Reading.UNJUDGED;
    }
    double factor = endpoint.thresholds().get(id());
    double perRequest = Money.usd(hour.spendMicros()) / hour.requests();
    OptionalDouble usual = usual(hour, hour.hourStart());
    if (usual.isPresent()) {
      double limitMicros = limitMicros(hour, hour.hourStart(), factor, usual.getAsDouble());
      boolean breachedHere = breached(hour, hour.hourStart(), hour.spendMicros(), hour.requests(), factor);
      boolean clear = !breachedHere && (perRequest * 1_000_000.0 <= limitMicros * (1 - hysteresis)
          || excessMicros(hour.spendMicros(), hour.requests(), usual.getAsDouble()) <= floorMicros(hour));
      return new Reading(breachedHere && previousHoursBreached(hour, factor), clear, perRequest,
          limitMicros / 1_000_000.0, usual.getAsDouble() / 1_000_000.0);
    }
    if (!hour.judging().trailingFallback()) {
      // No usual level for this hour of the week yet: nothing breaches, but the figure is known, so
      // an open episode can be judged against the line it fired on.
      return new Reading(false, true, perRequest, Double.NaN, Double.NaN);
    }
    return againstTrailingHours(hour, factor, perRequest, hysteresis);
  }

  private static OptionalDouble usual(HourFigures hour, long hourStart) {
    return hour.costPerRequest() != null
        && hour.costPerRequest().samplesFor(hourStart) >= hour.judging().minBaselineSamples()
        ? hour.costPerRequest().expected(hourStart) : OptionalDouble.empty();
  }

  /** The line in micro-dollars per request: factor x usual, or the usual plus the robust spread. */
  private static double limitMicros(HourFigures hour, long hourStart, double factor, double usualMicros) {
    return Math.max(factor * usualMicros,
        usualMicros + hour.judging().spreadLimit() * hour.costPerRequest().spread(hourStart).orElse(0));
  }

  private static double excessMicros(long spendMicros, long requests, double usualMicros) {
    return spendMicros - usualMicros * requests;
  }

  private static double floorMicros(HourFigures hour) {
    return hour.judging().spendFloorUsd() * 1_000_000.0;
  }

  private static boolean breached(HourFigures hour, long hourStart, long spendMicros, long requests, double factor) {
    if (requests < hour.judging().minRequests()) {
      return false;
    }
    OptionalDouble usual = usual(hour, hourStart);
    if (usual.isEmpty() || Double.isNaN(usual.getAsDouble())) {
      return false;
    }
    return spendMicros > limitMicros(hour, hourStart, factor, usual.getAsDouble()) * requests
        && excessMicros(spendMicros, requests, usual.getAsDouble()) > floorMicros(hour);
  }

  /** The closed hours just before this one breached too, as many as the noise control asks for. */
  private static boolean previousHoursBreached(HourFigures hour, double factor) {
    for (int back = 1; back < hour.judging().minBreachHours(); back++) {
      long earlier = hour.hourStart() - back * io.burnrate.core.Time.HOUR_MS;
      ClosedHour closed = hour.trailingHour(earlier);
      if (closed == null || !breached(hour, earlier, closed.spendMicros, closed.requests, factor)) {
        return false;
      }
    }
    return true;
  }

  private Reading againstTrailingHours(HourFigures hour, double factor, double perRequest, double hysteresis) {
    long spend = 0;
    long requests = 0;
    int hours = 0;
    for (ClosedHour closed : hour.trailing()) {
      if (closed.hourStart != hour.hourStart() && closed.requests > 0) {
        spend += closed.spendMicros;
        requests += closed.requests;
        hours++;
      }
    }
    if (hours < MIN_TRAILING_HOURS || requests == 0) {
      return Reading.UNJUDGED;
    }
    double baseline = Money.usd(spend) / requests;
    // Exactly at the threshold never fires: hourSpend/hourRequests > factor x spend/requests compared
    // without rounding, in whole micro-dollars.
    BigDecimal hourSide = BigDecimal.valueOf(hour.spendMicros()).multiply(BigDecimal.valueOf(requests));
    BigDecimal limitSide = BigDecimal.valueOf(factor).multiply(BigDecimal.valueOf(spend))
        .multiply(BigDecimal.valueOf(hour.requests()));
    boolean breached = hourSide.compareTo(limitSide) > 0;
    return new Reading(breached, !breached && perRequest <= factor * baseline * (1 - hysteresis), perRequest,
        factor * baseline, baseline);
  }

  @Override
  public String firingMessage(HourFigures hour, EndpointSettings endpoint, Reading reading) {
    return String.format("%s cost $%.6f per request in the hour from %s UTC, %.1fx its usual $%.6f (limit $%.6f)",
        endpoint.endpointId(), reading.observed(), RuleTexts.utcHour(hour.hourStart()),
        reading.observed() / reading.baseline(), reading.baseline(), reading.threshold());
  }
}
