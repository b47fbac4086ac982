package io.burnrate.rules;

import io.burnrate.core.Money;
import io.burnrate.core.Time;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;

/**
 * LOW_UTILIZATION: over-provisioning, judged as the seed guide says, on the average. A closed hour is
 * judged when the endpoint had at least one replica ready all hour and the hour was one of its busy
 * ones: it served requests, at least half as many as its trailing closed hours' average. Its utilization
 * (busy time of warm requests over ready replica time x concurrency, the hour's average) below the
 * limit breaches when the idle dollars (the hour's spend x the idle share) are worth more than the
 * spend floor. A healthy endpoint's quiet hours at its {@code min_replicas} are below its average
 * traffic and so never judged: keeping a warm replica there is the guide's own advice.
 */
public final class LowUtilization implements ClosedHourRule {
  private static final int MIN_TRAILING_HOURS = 3;
  /** A busy hour serves at least this share of the endpoint's average hourly requests. */
  static final double BUSY_SHARE = 0.5;

  @Override
  public AlertRule id() {
    return AlertRule.LOW_UTILIZATION;
  }

  @Override
  public Severity severity() {
    return Severity.INFO;
  }

  @Override
  public String unit() {
    return "ratio";
  }

  @Override
  public double defaultThreshold() {
    return 0.10;
  }

  @Override
  public boolean firesBelow() {
    return true;
  }

  @Override
  public Reading judge(HourFigures hour, EndpointSettings endpoint, double hysteresis) {
    if (hour.utilization() == null || hour.readyReplicaMs() < Time.HOUR_MS || !busyHour(hour)) {
      return Reading.UNJUDGED;
    }
    Reading reading = Reading.below(hour.utilization(), endpoint.thresholds().get(id()), hysteresis);
    boolean worthIt = idleMicros(hour) > hour.judging().spendFloorUsd() * 1_000_000.0;
    return new Reading(reading.breached() && worthIt, reading.clear() || !worthIt, reading.observed(),
        reading.threshold(), averageRequests(hour));
  }

  /** Served requests, at least half its trailing closed hours' average (which needs a few of them). */
  private static boolean busyHour(HourFigures hour) {
    double average = averageRequests(hour);
    return hour.requests() > 0 && !Double.isNaN(average) && hour.requests() >= BUSY_SHARE * average;
  }

  private static double averageRequests(HourFigures hour) {
    long requests = 0;
    int hours = 0;
    for (ClosedHour closed : hour.trailing()) {
      if (closed.hourStart != hour.hourStart()) {
        requests += closed.requests;
        hours++;
      }
    }
    return hours < MIN_TRAILING_HOURS ? Double.NaN : (double) requests / hours;
  }

  private static long idleMicros(HourFigures hour) {
    return Math.round(Math.max(0, hour.spendMicros()) * (1 - hour.utilization()));
  }

  @Override
  public String firingMessage(HourFigures hour, EndpointSettings endpoint, Reading reading) {
    return String.format("%s was %s utilized on average in the hour from %s UTC (limit %s) while serving %d requests,"
            + " a busy hour for it (average %.0f): %.1f replica-hours ready, about %s of %s spent on idle capacity;"
            + " over-provisioned, consider a smaller instance or fewer replicas",
        endpoint.endpointId(), RuleTexts.percent(reading.observed(), reading.threshold()),
        RuleTexts.utcHour(hour.hourStart()), RuleTexts.percent(reading.threshold(), reading.observed()),
        hour.requests(), reading.baseline(), hour.readyReplicaMs() / (double) Time.HOUR_MS,
        Money.format(idleMicros(hour)), Money.format(hour.spendMicros()));
  }
}
