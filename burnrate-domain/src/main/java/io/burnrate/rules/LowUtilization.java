package io.burnrate.rules;

import io.burnrate.core.Money;
import io.burnrate.core.Time;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;

/**
 * LOW_UTILIZATION: over-provisioning, judged as the seed guide says, on the average. A closed hour is
 * judged when the endpoint had at least one replica-hour of ready time and the hour was one of its
 * busy ones: it served requests, at least half as many as its trailing closed hours' average. Its
 * utilization (busy time of warm requests over ready replica time x concurrency, the hour's average)
 * below the limit breaches once the idle dollars of this hour and the idle busy hours right before it
 * (spend x the idle share, summed) are worth more than the spend floor: an expensive endpoint within
 * its first idle hour, a cheap one within a few. A healthy endpoint's quiet hours at its {@code
 * min_replicas} are well under its average traffic and so never judged: keeping a warm replica there
 * is the guide's own advice.
 */
public final class LowUtilization extends FixedFacts implements ClosedHourRule {
  private static final int MIN_TRAILING_HOURS = 6;
  /** A busy hour serves at least this share of the endpoint's average hourly requests. */
  static final double BUSY_SHARE = 0.5;

  public LowUtilization() {
    super(AlertRule.LOW_UTILIZATION, Severity.INFO, "ratio", 0.10);
  }

  @Override
  public boolean firesBelow() {
    return true;
  }

  @Override
  public Reading judge(HourFigures hour, EndpointSettings endpoint, double hysteresis) {
    double average = averageRequests(hour);
    if (!judged(hour.requests(), hour.readyReplicaMs(), hour.utilization(), average)) {
      return Reading.UNJUDGED;
    }
    double limit = endpoint.thresholds().get(id());
    Reading reading = Reading.below(hour.utilization(), limit, hysteresis);
    boolean worthIt = reading.breached() && idleRun(hour, limit, average).micros > floorMicros(hour);
    return new Reading(worthIt, reading.clear(), reading.observed(), reading.threshold(), average);
  }

  private static boolean judged(long requests, long readyReplicaMs, Double utilization, double average) {
    return utilization != null && readyReplicaMs >= Time.HOUR_MS && requests > 0 && !Double.isNaN(average)
        && requests >= BUSY_SHARE * average;
  }

  /** The trailing closed hours' average requests (which needs a few of them), NaN before. */
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

  /** The idle dollars of this hour and of the idle busy hours in a row right before it. */
  private record IdleRun(int hours, long micros, long spendMicros) {}

  private static IdleRun idleRun(HourFigures hour, double limit, double average) {
    int hours = 1;
    long micros = idleMicros(hour.spendMicros(), hour.utilization());
    long spend = Math.max(0, hour.spendMicros());
    for (long earlier = hour.hourStart() - Time.HOUR_MS; ; earlier -= Time.HOUR_MS) {
      ClosedHour closed = hour.trailingHour(earlier);
      Double utilization = closed == null ? null
          : utilization(closed, hour.judging().concurrencyPerReplica());
      if (closed == null || !judged(closed.requests, closed.readyReplicaMs, utilization, average)
          || utilization >= limit) {
        return new IdleRun(hours, micros, spend);
      }
      hours++;
      micros += idleMicros(closed.spendMicros, utilization);
      spend += Math.max(0, closed.spendMicros);
    }
  }

  private static Double utilization(ClosedHour closed, double concurrency) {
    if (closed.readyReplicaMs <= 0) {
      return null;
    }
    return Math.max(0.0, Math.min(1.0, closed.busyMicros / (closed.readyReplicaMs * 1000.0 * concurrency)));
  }

  private static long idleMicros(long spendMicros, double utilization) {
    return Math.round(Math.max(0, spendMicros) * (1 - utilization));
  }

  private static double floorMicros(HourFigures hour) {
    return hour.judging().spendFloorUsd() * 1_000_000.0;
  }

  @Override
  public String firingMessage(HourFigures hour, EndpointSettings endpoint, Reading reading) {
    IdleRun run = idleRun(hour, reading.threshold(), reading.baseline());
    return String.format("%s was %s utilized on average in the hour from %s UTC (limit %s) while serving %d requests,"
            + " a busy hour for it (average %.0f): %.1f replica-hours ready; over %d busy hour%s about %s of %s went"
            + " to idle capacity; over-provisioned, consider a smaller instance or fewer replicas",
        endpoint.endpointId(), RuleTexts.percent(reading.observed(), reading.threshold()),
        RuleTexts.utcHour(hour.hourStart()), RuleTexts.percent(reading.threshold(), reading.observed()),
        hour.requests(), reading.baseline(), hour.readyReplicaMs() / (double) Time.HOUR_MS, run.hours(),
        run.hours() == 1 ? "" : "s", Money.format(run.micros()), Money.format(run.spendMicros()));
  }
}
