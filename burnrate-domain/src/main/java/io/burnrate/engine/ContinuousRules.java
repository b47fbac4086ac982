package io.burnrate.engine;

import io.burnrate.core.Time;
import io.burnrate.rules.AlertLifecycle;
import io.burnrate.rules.BaselineRule;
import io.burnrate.rules.QueueDepth;
import io.burnrate.rules.Reading;
import io.burnrate.rules.ReplicaEventRule;
import io.burnrate.rules.RuleCatalog;
import io.burnrate.rules.SpanFigures;
import io.burnrate.rules.SpanRule;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The rules judged after every step on the value after it: the sliding-span rules and the baseline
 * rules over the last hour of minute buckets, and the replica-count rules on the latest count.
 */
final class ContinuousRules {
  private static final List<SpanRule> SPAN_RULES = RuleCatalog.ofKind(SpanRule.class);
  private static final List<BaselineRule> BASELINE_RULES = RuleCatalog.ofKind(BaselineRule.class);
  private static final List<ReplicaEventRule> REPLICA_RULES = RuleCatalog.ofKind(ReplicaEventRule.class);
  /**
   * How far the earlier minutes' sums may slide: the minutes that leave the span must still be kept
   * (the engine keeps {@link Step#MINUTES_KEPT}, the span covers 60 before the current one).
   */
  private static final long MAX_SLIDE_MS = (Step.MINUTES_KEPT - 61) * Time.MINUTE_MS;

  private ContinuousRules() {
  }

  static void evaluateSpans(Step step) {
    EndpointState state = step.state;
    long now = step.now;
    // Minute buckets from the one 60 minutes back to the current one: a full hour is always covered
    // (erring towards a few seconds more, never less).
    long spanStart = Time.minuteStart(now) - 60 * Time.MINUTE_MS;
    long currentMinute = Time.minuteStart(now);
    SpanTotals span = new SpanTotals();
    span.add(earlierMinutes(state, spanStart, currentMinute));
    span.addMinutes(state.minutes, currentMinute, now);
    long queueSpanStart = currentMinute - QueueDepth.SPAN_MINUTES * Time.MINUTE_MS;
    SpanTotals queueSpan = new SpanTotals();
    queueSpan.addMinutes(state.minutes, queueSpanStart, now);
    step.lastHourSpendMicros = span.spendMicros();
    refreshExpected(step);
    SpanFigures figures = new SpanFigures(now, spanStart, span, queueSpanStart, QueueDepth.SPAN_MINUTES, queueSpan,
        expectedOver(state.expectedSpend, spanStart, now), expectedOver(state.expectedRequests, spanStart, now),
        step.settings.minRequestsForRatios());
    for (SpanRule rule : SPAN_RULES) {
      Reading reading = rule.judge(figures, step.endpoint, step.lifecycle(rule).hysteresis());
      switch (Alerting.evaluate(step, rule, reading, AlertLifecycle.Trigger.AT_ONCE)) {
        case FIRE -> Alerting.fire(step, rule, reading, spanStart, now,
            rule.firingMessage(figures, step.endpoint, reading));
        case RESOLVE -> Alerting.resolve(step, rule, reading, now,
            rule.resolvedMessage(figures, step.endpoint, reading));
        default -> { }
      }
    }
    AlertLifecycle.Trigger gated = AlertLifecycle.Trigger.of(step.settings.baselines().gate());
    for (BaselineRule rule : BASELINE_RULES) {
      Reading reading = rule.judge(figures, step.endpoint, step.lifecycle(rule).hysteresis());
      switch (Alerting.evaluate(step, rule, reading, gated)) {
        case FIRE -> Alerting.fire(step, rule, reading, spanStart, now,
            rule.firingMessage(figures, step.endpoint, reading));
        case RESOLVE -> Alerting.resolve(step, rule, reading, now,
            rule.resolvedMessage(figures, step.endpoint, reading));
        default -> { }
      }
    }
  }

  static void evaluateReplicaCount(Step step) {
    EndpointState state = step.state;
    if (state.lastReplicaEventAt == EndpointState.NEVER) {
      return;
    }
    for (ReplicaEventRule rule : REPLICA_RULES) {
      if (!step.replicaCountSet && !step.settingsChanged && state.tracks.get(rule.id()) == null) {
        continue; // quiet, and nothing it judges changed
      }
      Reading reading = rule.judge(state.replicaCount, step.endpoint, step.lifecycle(rule).hysteresis());
      long at = Math.max(step.now, state.lastReplicaEventAt);
      switch (Alerting.evaluate(step, rule, reading, AlertLifecycle.Trigger.AT_ONCE)) {
        case FIRE -> Alerting.fire(step, rule, reading, at, at,
            rule.firingMessage(state.replicaCount, step.endpoint, reading));
        case RESOLVE -> Alerting.resolve(step, rule, reading, step.now,
            rule.resolvedMessage(state.replicaCount, step.endpoint, reading));
        default -> { }
      }
    }
  }

  /**
   * The sums of the span's buckets before the current minute. They change only through {@link
   * Step#minuteAt}, which forgets them then; so between minute boundaries they are summed once, and at a
   * boundary they slide (the leaving minutes taken back, the entering added) when the leaving buckets
   * are still kept.
   */
  private static SpanTotals earlierMinutes(EndpointState state, long spanStart, long currentMinute) {
    SpanTotals earlier = state.earlierMinutes;
    if (earlier != null && state.earlierMinutesFrom == spanStart && state.earlierMinutesUntil == currentMinute) {
      return earlier;
    }
    boolean slid = earlier != null && spanStart - state.earlierMinutesFrom <= MAX_SLIDE_MS
        && earlier.slide(state.minutes, state.earlierMinutesFrom, state.earlierMinutesUntil - 1, spanStart,
            currentMinute - 1);
    if (!slid) {
      earlier = new SpanTotals();
      earlier.addMinutes(state.minutes, spanStart, currentMinute - 1);
      state.earlierMinutes = earlier;
    }
    state.earlierMinutesFrom = spanStart;
    state.earlierMinutesUntil = currentMinute;
    return earlier;
  }

  /** Expected amount over [spanStart, now] from the previous and current hour's expected values. */
  private static double expectedOver(double[] expected, long spanStart, long now) {
    long hour = Time.hourStart(now);
    long inPrevious = Step.overlap(spanStart, now, hour - Time.HOUR_MS, hour);
    long inCurrent = now - Math.max(hour, spanStart);
    if ((inPrevious > 0 && Double.isNaN(expected[0])) || Double.isNaN(expected[1])) {
      return Double.NaN;
    }
    double total = (inPrevious > 0 ? expected[0] * inPrevious : 0) + expected[1] * inCurrent;
    return total / Time.HOUR_MS;
  }

  /** Caches the previous and current hour's expected values; reads the baselines once an hour. */
  private static void refreshExpected(Step step) {
    EndpointState state = step.state;
    long hour = Time.hourStart(step.now);
    if (state.expectedHour == hour) {
      return;
    }
    EndpointBaselines baselines = step.loadBaselines();
    for (int i = 0; i < 2; i++) {
      long h = hour - (1 - i) * Time.HOUR_MS;
      state.expectedSpend[i] = orNaN(baselines == null ? null : baselines.spend.expected(h));
      state.expectedRequests[i] = orNaN(baselines == null ? null : baselines.requests.expected(h));
    }
    state.expectedHour = hour;
  }

  private static double orNaN(OptionalDouble value) {
    return value == null || value.isEmpty() ? Double.NaN : value.getAsDouble();
  }
}
