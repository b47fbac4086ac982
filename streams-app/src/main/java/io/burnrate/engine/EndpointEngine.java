package io.burnrate.engine;

import io.burnrate.actions.CommandPolicy;
import io.burnrate.baseline.BudgetForecast;
import io.burnrate.baseline.NoiseGate;
import io.burnrate.core.Ids;
import io.burnrate.core.Money;
import io.burnrate.core.Time;
import io.burnrate.meter.Category;
import io.burnrate.meter.SliceStats;
import io.burnrate.rules.EndpointSettings;
import io.burnrate.rules.RuleCatalog;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Applies one record (or one tick of stream time) to one endpoint's state and evaluates the rules on
 * the value after it, so that {@code observed} and {@code detected_at} never depend on caching or
 * commit timing. Deterministic: the same sequence of calls yields the same outputs.
 */
public final class EndpointEngine {
  private final PipelineSettings settings;
  private final CommandPolicy policy;

  public EndpointEngine(PipelineSettings settings) {
    this.settings = settings;
    this.policy = new CommandPolicy(settings.commandCooldownMs());
  }

  public PipelineSettings settings() {
    return settings;
  }

  public Outcome onRequest(
      EndpointState state, EndpointSettings endpoint, Events.Request request, SliceAccess slices, boolean replaying) {
    Step step = new Step(state, endpoint, slices, replaying, request.timestamp());
    step.applyRequest(request);
    return step.finish(false);
  }

  public Outcome onReplica(
      EndpointState state, EndpointSettings endpoint, Events.Replica event, SliceAccess slices, boolean replaying) {
    Step step = new Step(state, endpoint, slices, replaying, event.timestamp());
    step.applyReplica(event);
    return step.finish(false);
  }

  /**
   * Applies a billing line item; {@code previous} is the earlier version of the same line item when
   * this one corrects it (its amounts are taken back first), else null.
   */
  public Outcome onLineItem(
      EndpointState state,
      EndpointSettings endpoint,
      Events.LineItem item,
      Events.LineItem previous,
      SliceAccess slices,
      boolean replaying) {
    Step step = new Step(state, endpoint, slices, replaying, item.usageEnd());
    if (previous != null) {
      step.distributeBill(previous, -1);
    }
    step.distributeBill(item, +1);
    step.reevaluateClosedHours();
    return step.finish(false);
  }

  /** Advances an endpoint to {@code streamTime}: meters quiet replicas, closes hours and days. */
  public Outcome onTick(
      EndpointState state, EndpointSettings endpoint, long streamTime, SliceAccess slices, boolean replaying) {
    if (!state.hasSeenEvents()) {
      return new Outcome();
    }
    Step step = new Step(state, endpoint, slices, replaying, streamTime);
    return step.finish(true);
  }

  /** {@link #nextTickNeeded}: the endpoint is in motion and needs every metering step. */
  public static final long EVERY_STEP = Long.MIN_VALUE;

  /**
   * The earliest stream time at which a tick can change anything for this endpoint: {@link
   * #EVERY_STEP} while replicas run, recent minutes are in its sliding spans or an alert or gate is
   * open; otherwise the next hour or budget day to close. Ticking it in between would change nothing
   * that any output depends on, so a quiet fleet costs nothing per step.
   */
  public long nextTickNeeded(EndpointState state) {
    if (!state.hasSeenEvents()) {
      return Long.MAX_VALUE;
    }
    if (!state.replicas.isEmpty() || !state.minutes.isEmpty() || !state.episodes.isEmpty()
        || !state.stoppedReplicas.isEmpty()
        || state.gates.values().stream().anyMatch(g -> g.phase() != io.burnrate.baseline.NoiseGate.Phase.QUIET)) {
      return EVERY_STEP;
    }
    long wake = state.nextHourToClose + Time.HOUR_MS + settings.eventGraceMs();
    for (DayState day : state.days.values()) {
      if (day.thrash != DayState.DONE || day.forecast != DayState.DONE) {
        wake = Math.min(wake, day.dayEnd + settings.eventGraceMs());
      }
      wake = Math.min(wake, day.dayEnd + settings.billingGraceMs());
    }
    return wake;
  }

  /** Re-evaluates after the endpoint's settings changed (a raised budget clears a tier). */
  public Outcome onSettingsChanged(
      EndpointState state, EndpointSettings endpoint, SliceAccess slices, boolean replaying) {
    if (!state.hasSeenEvents()) {
      return new Outcome();
    }
    Step step = new Step(state, endpoint, slices, replaying, state.clock);
    step.settingsChanged = true;
    return step.finish(false);
  }

  /** One call's work: a working set of slices, the outputs, and the rules evaluated at the end. */
  private final class Step {
    private static final long MINUTES_KEPT = 65;
    private static final int MIN_BASELINE_HOURS = 3;
    private static final int QUEUE_SPAN_MINUTES = 5;
    /** The forecast reads the baselines; a projection every five minutes of stream time is enough. */
    private static final long FORECAST_EVERY_MS = 5 * Time.MINUTE_MS;
    private static final int QUEUE_MIN_REQUESTS = 5;
    private static final long UNASKED = Long.MIN_VALUE;

    private final EndpointState state;
    private final EndpointSettings endpoint;
    private final SliceAccess slices;
    private final boolean dryRun;
    /** The slices this step read through {@link #slice}, by start, ascending; all are written back. */
    private long[] touchedStarts = new long[4];
    private SliceStats[] touched = new SliceStats[4];
    private int touchedCount;
    /**
     * Zone arithmetic is the costly part of a lookup, and a step asks about the same instant several
     * times: the last instant asked for its slice's start, its slice's end and its budget day's start,
     * with the answers ({@link #UNASKED} before the first).
     */
    private long sliceStartOf = UNASKED;
    private long sliceStartAt;
    private long sliceEndOf = UNASKED;
    private long sliceEndAt;
    private long dayStartOf = UNASKED;
    private long dayStartAt;
    private final Outcome outcome = new Outcome();
    private final List<Long> billedClosedHours = new ArrayList<>();
    private final long now;
    private boolean settingsChanged;
    private long lastHourSpendMicros;
    private boolean tick;

    Step(EndpointState state, EndpointSettings endpoint, SliceAccess slices, boolean replaying, long eventTime) {
      this.state = state;
      this.endpoint = endpoint;
      this.slices = slices;
      this.dryRun = settings.dryRun() || replaying;
      this.now = state.hasSeenEvents() ? Math.max(state.clock, eventTime) : eventTime;
      if (state.nextHourToClose == EndpointState.NEVER) {
        state.nextHourToClose = Time.hourStart(eventTime);
      }
      state.clock = now;
      meterTo(now);
    }

    // ---- applying records ----

    void applyRequest(Events.Request request) {
      long t = request.timestamp();
      state.lastRegion = request.region();
      state.lastInstanceType = request.instanceType();
      SliceStats slice = slice(t);
      slice.requests++;
      if (request.isError()) {
        slice.errors++;
      }
      if (!request.coldStart()) {
        slice.busyMicros += Math.round(request.latencyMs() * 1000.0);
        slice.recordWarmLatency(request.latencyMs());
      }
      MinuteBucket minute = minute(t);
      if (minute != null) {
        minute.requests++;
        if (request.isError()) {
          minute.errors++;
        }
        if (!request.coldStart()) {
          minute.warmRequests++;
          if (request.latencyMs() > endpoint.thresholds().get(AlertRule.HIGH_LATENCY)) {
            minute.slowRequests++;
          }
        }
        Integer depth = request.queueDepth();
        if (depth != null) {
          minute.maxQueueDepth = Math.max(minute.maxQueueDepth, depth);
          if (depth > endpoint.thresholds().get(AlertRule.QUEUE_DEPTH)) {
            minute.deepQueueRequests++;
          }
        }
      }
    }

    void applyReplica(Events.Replica event) {
      long t = event.timestamp();
      state.lastRegion = event.region();
      state.lastInstanceType = event.instanceType();
      switch (event.type()) {
        case SCALE_UP -> scaleUp(event);
        case READY -> ready(event);
        case SCALE_DOWN, FAILED -> stop(event);
        default -> {
          return;
        }
      }
      SliceStats slice = slice(t);
      slice.maxReplicas = Math.max(slice.maxReplicas, event.replicasAfter());
      if (t >= state.lastReplicaEventAt) {
        // An older event describes an earlier count: it is metered, but does not set the count.
        state.lastReplicaEventAt = t;
        state.replicaCount = event.replicasAfter();
        evaluateRunaway(event);
      }
    }

    private void scaleUp(Events.Replica event) {
      long t = event.timestamp();
      if (state.replicas.containsKey(event.replicaId())) {
        return; // a repeated SCALE_UP of a running replica changes nothing
      }
      ReplicaRun run = new ReplicaRun(event.replicaId(), t, priceMicros(event), ReplicaRun.NOT_READY);
      Long stoppedAt = state.stoppedReplicas.remove(event.replicaId());
      if (stoppedAt != null) {
        // Its SCALE_DOWN was read first: the replica ran from t to its stop, and runs no more.
        if (stoppedAt <= t) {
          state.stoppedReplicas.put(event.replicaId(), stoppedAt);
          return; // a SCALE_UP re-sent after the replica stopped
        }
        accrue(run, t, Math.min(stoppedAt, state.meteredUntil), +1);
        state.stoppedReplicas.put(event.replicaId(), t);
      } else {
        state.replicas.put(run.replicaId, run);
        if (t < state.meteredUntil) {
          accrue(run, t, state.meteredUntil, +1);
        }
      }
      SliceStats slice = slice(t);
      slice.scaleEvents++;
      slice.scaleUps++;
      day(t).scaleUps++;
      if (event.coldStart()) {
        slice.coldStarts++;
        double gb = event.modelSizeGb() != null ? event.modelSizeGb() : endpoint.modelSizeGb();
        long transfer = Money.micros(gb * settings.transferUsdPerGb() * endpoint.meterCorrection());
        addMetered(slice, Category.COLD_START_TRANSFER, transfer);
        MinuteBucket minute = minute(t);
        if (minute != null) {
          minute.coldStarts++;
          minute.metered[Category.COLD_START_TRANSFER] += transfer;
        }
      }
    }

    private void ready(Events.Replica event) {
      ReplicaRun run = state.replicas.get(event.replicaId());
      if (run == null || run.ready()) {
        return;
      }
      long t = Math.max(event.timestamp(), run.startedAt);
      run.readyAt = t;
      if (t < state.meteredUntil) {
        accrueReadyTime(run, t, state.meteredUntil, +1);
      }
    }

    private void stop(Events.Replica event) {
      ReplicaRun run = state.replicas.remove(event.replicaId());
      long t = event.timestamp();
      if (run != null || !state.stoppedReplicas.containsKey(event.replicaId())) {
        state.stoppedReplicas.put(event.replicaId(), run == null ? t : Math.max(t, run.startedAt));
      }
      if (event.type() == io.burnrate.schema.ReplicaEventType.SCALE_DOWN) {
        slice(t).scaleEvents++;
      }
      if (run != null && t < state.meteredUntil) {
        accrue(run, Math.max(t, run.startedAt), state.meteredUntil, -1);
      }
    }

    private long priceMicros(Events.Replica event) {
      Double price = endpoint.hourlyPriceUsd();
      if (price == null) {
        price = settings.priceTable().priceUsd(event.instanceType(), event.region());
      }
      return price == null ? 0 : Money.micros(price * endpoint.meterCorrection());
    }

    void distributeBill(Events.LineItem item, int sign) {
      long start = item.usageStart();
      long end = item.usageEnd();
      int category = item.category();
      long cost = item.costMicros();
      if (end <= start) {
        addBilled(slice(start), category, sign * cost);
        noteBilledHour(start);
      } else {
        long allocated = 0;
        for (long s = start; s < end; ) {
          long e = Math.min(end, sliceEnd(s));
          long share = e == end ? cost - allocated : Money.share(cost, e - s, end - start);
          allocated += share;
          addBilled(slice(s), category, sign * share);
          noteBilledHour(s);
          s = e;
        }
      }
      long firstKept = firstKeptMinute();
      long from = Math.max(Time.minuteStart(start), firstKept);
      long to = Math.min(end <= start ? start + 1 : end, Time.minuteStart(now) + Time.MINUTE_MS);
      for (long m = from; m < to; m += Time.MINUTE_MS) {
        long overlap = end <= start ? cost : Money.share(cost, overlap(start, end, m, m + Time.MINUTE_MS), end - start);
        if (overlap != 0) {
          minuteAt(m).billed[category] += sign * overlap;
        }
      }
    }

    private void noteBilledHour(long t) {
      long hour = Time.hourStart(t);
      if (hour < state.nextHourToClose && !billedClosedHours.contains(hour)) {
        billedClosedHours.add(hour);
      }
    }

    // ---- metering ----

    private void meterTo(long to) {
      if (state.meteredUntil == EndpointState.NEVER) {
        state.meteredUntil = to;
        return;
      }
      if (to <= state.meteredUntil) {
        return;
      }
      for (ReplicaRun run : state.replicas.values()) {
        accrue(run, Math.max(run.startedAt, state.meteredUntil), to, +1);
      }
      state.meteredUntil = to;
    }

    /** Adds (sign +1) or takes back (-1) a replica's cost and ready time over [from, to). */
    private void accrue(ReplicaRun run, long from, long to, int sign) {
      if (from >= to) {
        return;
      }
      for (long s = from; s < to; ) {
        long e = Math.min(to, sliceEnd(s));
        SliceStats slice = slice(s);
        if (run.microsPerHour > 0) {
          addMetered(slice, Category.COMPUTE, sign * costBetween(run, s, e));
        }
        if (sign > 0) {
          slice.maxReplicas = Math.max(slice.maxReplicas, Math.max(state.replicaCount, 1));
        }
        s = e;
      }
      accrueReadyTime(run, from, to, sign);
      if (run.microsPerHour > 0) {
        long first = Math.max(Time.minuteStart(from), firstKeptMinute());
        for (long m = first; m < to; m += Time.MINUTE_MS) {
          long ms = overlap(from, to, m, m + Time.MINUTE_MS);
          if (ms > 0) {
            long pieceStart = Math.max(from, m);
            minuteAt(m).metered[Category.COMPUTE] += sign * costBetween(run, pieceStart, pieceStart + ms);
          }
        }
      }
    }

    /**
     * A replica's cost over [from, to), rounded from its start, so that however time is cut into
     * pieces (per event, per tick) the pieces add up to the same total, and a take-back is exact.
     */
    private long costBetween(ReplicaRun run, long from, long to) {
      return Money.forDuration(run.microsPerHour, to - run.startedAt)
          - Money.forDuration(run.microsPerHour, from - run.startedAt);
    }

    private void accrueReadyTime(ReplicaRun run, long from, long to, int sign) {
      if (!run.ready()) {
        return;
      }
      long start = Math.max(from, run.readyAt);
      for (long s = start; s < to; ) {
        long e = Math.min(to, sliceEnd(s));
        slice(s).readyReplicaMs += sign * (e - s);
        s = e;
      }
    }

    // ---- slices, minutes, days ----

    private SliceStats slice(long t) {
      long start = sliceStart(t);
      int index = touchedIndex(start);
      if (index >= 0) {
        return touched[index];
      }
      SliceStats slice = slices.get(endpoint.endpointId(), start);
      if (slice == null) {
        slice = new SliceStats(start, sliceEnd(t));
      }
      insertTouched(-index - 1, start, slice);
      return slice;
    }

    /** The position of the touched slice starting at {@code start}, or {@code -(insertion point) - 1}. */
    private int touchedIndex(long start) {
      for (int i = 0; i < touchedCount; i++) {
        if (touchedStarts[i] == start) {
          return i;
        }
        if (touchedStarts[i] > start) {
          return -i - 1;
        }
      }
      return -touchedCount - 1;
    }

    private void insertTouched(int index, long start, SliceStats slice) {
      if (touchedCount == touched.length) {
        touchedStarts = Arrays.copyOf(touchedStarts, touchedCount * 2);
        touched = Arrays.copyOf(touched, touchedCount * 2);
      }
      System.arraycopy(touchedStarts, index, touchedStarts, index + 1, touchedCount - index);
      System.arraycopy(touched, index, touched, index + 1, touchedCount - index);
      touchedStarts[index] = start;
      touched[index] = slice;
      touchedCount++;
    }

    private long sliceStart(long t) {
      if (t != sliceStartOf || t == UNASKED) {
        sliceStartAt = Time.sliceStart(t, endpoint.zone());
        sliceStartOf = t;
      }
      return sliceStartAt;
    }

    private long sliceEnd(long t) {
      if (t != sliceEndOf || t == UNASKED) {
        sliceEndAt = Time.sliceEnd(t, endpoint.zone());
        sliceEndOf = t;
      }
      return sliceEndAt;
    }

    private void addMetered(SliceStats slice, int category, long micros) {
      long before = slice.visibleMicros();
      slice.metered[category] += micros;
      DayState day = day(slice.sliceStart);
      day.metered[category] += micros;
      day.visibleMicros += slice.visibleMicros() - before;
    }

    private void addBilled(SliceStats slice, int category, long micros) {
      long before = slice.visibleMicros();
      slice.billed[category] += micros;
      DayState day = day(slice.sliceStart);
      day.billed[category] += micros;
      day.visibleMicros += slice.visibleMicros() - before;
    }

    private DayState day(long t) {
      if (t != dayStartOf || t == UNASKED) {
        dayStartAt = Time.dayStart(t, endpoint.zone());
        dayStartOf = t;
      }
      DayState day = state.days.get(dayStartAt);
      if (day == null) {
        day = new DayState(dayStartAt, Time.dayEnd(t, endpoint.zone()));
        state.days.put(dayStartAt, day);
      }
      return day;
    }

    private long firstKeptMinute() {
      return Time.minuteStart(now) - (MINUTES_KEPT - 1) * Time.MINUTE_MS;
    }

    private MinuteBucket minute(long t) {
      long m = Time.minuteStart(t);
      return m < firstKeptMinute() ? null : minuteAt(m);
    }

    /** Every bucket the engine changes is reached through here. */
    private MinuteBucket minuteAt(long minuteStart) {
      if (minuteStart < state.earlierMinutesUntil) {
        state.earlierMinutes = null;
      }
      return state.minutes.getOrCreate(minuteStart);
    }

    private static long overlap(long aStart, long aEnd, long bStart, long bEnd) {
      return Math.max(0, Math.min(aEnd, bEnd) - Math.max(aStart, bStart));
    }

    // ---- evaluation ----

    Outcome finish(boolean tick) {
      this.tick = tick;
      if (!state.stoppedReplicas.isEmpty()) {
        state.stoppedReplicas.values().removeIf(stoppedAt -> stoppedAt + settings.eventGraceMs() < now);
      }
      state.minutes.removeBefore(firstKeptMinute());
      evaluateSlidingRules();
      closeHours();
      evaluateDays();
      for (int i = 0; i < touchedCount; i++) {
        slices.put(endpoint.endpointId(), touched[i]);
        outcome.changedHours.add(Time.hourStart(touchedStarts[i]));
      }
      return outcome;
    }

    private void evaluateSlidingRules() {
      // Minute buckets from the one 60 minutes back to the current one: a full hour is always covered
      // (erring towards a few seconds more, never less).
      long spanStart = Time.minuteStart(now) - 60 * Time.MINUTE_MS;
      long currentMinute = Time.minuteStart(now);
      SpanTotals span = new SpanTotals();
      span.add(earlierMinutes(spanStart, currentMinute));
      span.addMinutes(state.minutes, currentMinute, now);
      long queueSpanStart = currentMinute - QUEUE_SPAN_MINUTES * Time.MINUTE_MS;
      SpanTotals queueSpan = new SpanTotals();
      queueSpan.addMinutes(state.minutes, queueSpanStart, now);
      lastHourSpendMicros = span.spendMicros();
      if (endpoint.dailyBudgetMicros() > 0) {
        double factor = endpoint.thresholds().get(AlertRule.HOURLY_SPEND_RATE);
        long limit = Math.round(endpoint.dailyBudgetMicros() * factor / 24.0);
        long spend = span.spendMicros();
        slidingTransition(AlertRule.HOURLY_SPEND_RATE, spend > limit, Money.usd(spend), Money.usd(limit), spanStart,
            () -> String.format("%s spent %s (%s) in the last 60 minutes, above the hourly rate of its %s daily budget (%s/h)",
                endpoint.endpointId(), Money.format(spend), span.source(), Money.format(endpoint.dailyBudgetMicros()),
                Money.format(limit)),
            () -> String.format("%s spend over the last 60 minutes is back to %s, within %s/h",
                endpoint.endpointId(), Money.format(spend), Money.format(limit)));
      }
      double coldLimit = endpoint.thresholds().get(AlertRule.COLD_START_FREQUENCY);
      slidingTransition(AlertRule.COLD_START_FREQUENCY, span.coldStarts > coldLimit, span.coldStarts, coldLimit,
          spanStart,
          () -> String.format("%s had %d cold starts in the last 60 minutes (limit %s): autoscaling death spiral, each costs"
              + " a model download", endpoint.endpointId(), span.coldStarts, trim(coldLimit)),
          () -> String.format("%s cold starts are back to %d in the last 60 minutes (limit %s)",
              endpoint.endpointId(), span.coldStarts, trim(coldLimit)));
      evaluateErrorRate(span, spanStart);
      evaluateLatency(span, spanStart);
      evaluateQueueDepth(queueSpan, queueSpanStart);
      evaluateAgainstBaselines(span, spanStart);
    }

    /**
     * The sums of the span's buckets before the current minute. They change only through {@link
     * #minuteAt}, which forgets them then, so between minute boundaries they are summed once.
     */
    private SpanTotals earlierMinutes(long spanStart, long currentMinute) {
      if (state.earlierMinutes == null || state.earlierMinutesFrom != spanStart
          || state.earlierMinutesUntil != currentMinute) {
        SpanTotals earlier = new SpanTotals();
        earlier.addMinutes(state.minutes, spanStart, currentMinute - 1);
        state.earlierMinutes = earlier;
        state.earlierMinutesFrom = spanStart;
        state.earlierMinutesUntil = currentMinute;
      }
      return state.earlierMinutes;
    }

    private void evaluateErrorRate(SpanTotals span, long spanStart) {
      double limit = endpoint.thresholds().get(AlertRule.ERROR_RATE);
      boolean enough = span.requests >= settings.minRequestsForRatios();
      double rate = span.requests == 0 ? 0 : (double) span.errors / span.requests;
      if (!enough) {
        return; // too few requests to judge either way: an open alert stays open
      }
      slidingTransition(AlertRule.ERROR_RATE, rate > limit, rate, limit, spanStart,
          () -> String.format("%s failed %d of %d requests (%.2f%%) in the last 60 minutes, above %.2f%%",
              endpoint.endpointId(), span.errors, span.requests, rate * 100, limit * 100),
          () -> String.format("%s error rate is back to %.2f%% over the last 60 minutes (limit %.2f%%)",
              endpoint.endpointId(), rate * 100, limit * 100));
    }

    /**
     * The p95 of warm requests is above the limit exactly when more than 5 % of them are slower than
     * it: two counters per minute judge the sliding span without a sketch per minute. The figure
     * reported is the p95 of the hours the span touches.
     */
    private void evaluateLatency(SpanTotals span, long spanStart) {
      double limit = endpoint.thresholds().get(AlertRule.HIGH_LATENCY);
      boolean enough = span.warmRequests >= settings.minRequestsForRatios();
      boolean breached = enough && span.slowRequests * 20 > span.warmRequests;
      boolean open = state.episodes.containsKey(AlertRule.HIGH_LATENCY);
      if (!enough || breached == open) {
        return; // nothing changes, or too few requests to judge either way
      }
      double p95 = recentP95();
      slidingTransition(AlertRule.HIGH_LATENCY, breached, p95, limit, spanStart,
          () -> String.format("%s p95 latency is %.0f ms over the last 60 minutes (%d of %d warm requests slower than %s ms)",
              endpoint.endpointId(), p95, span.slowRequests, span.warmRequests, trim(limit)),
          () -> String.format("%s p95 latency is back under %s ms (%d of %d warm requests slower)",
              endpoint.endpointId(), trim(limit), span.slowRequests, span.warmRequests));
    }

    private double recentP95() {
      long hour = Time.hourStart(now);
      SliceStats view = hourView(hour);
      view.mergeFrom(hourView(hour - Time.HOUR_MS));
      return view.warmLatency == null || view.warmLatency.isEmpty() ? Double.NaN
          : view.warmLatency.getValueAtQuantile(0.95);
    }

    private void evaluateQueueDepth(SpanTotals span, long spanStart) {
      double limit = endpoint.thresholds().get(AlertRule.QUEUE_DEPTH);
      slidingTransition(AlertRule.QUEUE_DEPTH, span.deepQueueRequests >= QUEUE_MIN_REQUESTS, span.maxQueueDepth,
          limit, spanStart,
          () -> String.format("%s: %d requests in the last %d minutes queued behind more than %s others (deepest %d)",
              endpoint.endpointId(), span.deepQueueRequests, QUEUE_SPAN_MINUTES, trim(limit), span.maxQueueDepth),
          () -> String.format("%s queue is back: %d requests over %s deep in the last %d minutes",
              endpoint.endpointId(), span.deepQueueRequests, trim(limit), QUEUE_SPAN_MINUTES));
    }

    /** COST_SPIKE and REQUEST_SURGE: the sliding span against the seasonal baseline, through a noise gate. */
    private void evaluateAgainstBaselines(SpanTotals span, long spanStart) {
      refreshExpected();
      double expectedSpend = expectedOver(state.expectedSpend, spanStart);
      if (!Double.isNaN(expectedSpend)) {
        double factor = endpoint.thresholds().get(AlertRule.COST_SPIKE);
        double limit = factor * expectedSpend;
        long spend = span.spendMicros();
        gatedTransition(AlertRule.COST_SPIKE, spend, limit, Money.usd(spend), Money.usd(Math.round(limit)),
            Money.usd(Math.round(expectedSpend)), spanStart,
            () -> String.format("%s spent %s (%s) in the last 60 minutes, %.1fx its usual %s for this time of the week",
                endpoint.endpointId(), Money.format(spend), span.source(), spend / expectedSpend,
                Money.format(Math.round(expectedSpend))),
            () -> String.format("%s spend over the last 60 minutes is back to %s (usual %s)", endpoint.endpointId(),
                Money.format(spend), Money.format(Math.round(expectedSpend))));
      }
      double expectedRequests = expectedOver(state.expectedRequests, spanStart);
      if (!Double.isNaN(expectedRequests)) {
        double factor = endpoint.thresholds().get(AlertRule.REQUEST_SURGE);
        double limit = factor * expectedRequests;
        gatedTransition(AlertRule.REQUEST_SURGE, span.requests, limit, span.requests, limit, expectedRequests,
            spanStart,
            () -> String.format("%s served %d requests in the last 60 minutes, %.1fx its usual %.0f for this time of the"
                + " week: traffic surge", endpoint.endpointId(), span.requests, span.requests / expectedRequests,
                expectedRequests),
            () -> String.format("%s traffic is back to %d requests in the last 60 minutes (usual %.0f)",
                endpoint.endpointId(), span.requests, expectedRequests));
      }
    }

    private void gatedTransition(
        AlertRule rule, double value, double limit, double observed, double threshold, double baseline,
        long spanStart, Supplier<String> firingMessage, Supplier<String> resolvedMessage) {
      NoiseGate gate = gate(rule);
      NoiseGate.Signal signal = gate.evaluate(now, value, limit);
      if (signal == NoiseGate.Signal.FIRE && !state.episodes.containsKey(rule)) {
        String id = Ids.nameBased(endpoint.endpointId(), rule, gate.breachStart());
        Episode episode = new Episode(id, spanStart, now, threshold, baseline, now);
        state.episodes.put(rule, episode);
        CostAlert alert = alert(rule, AlertStatus.FIRING, episode, spanStart, now, observed, firingMessage.get());
        outcome.alerts.add(alert);
        command(rule, alert);
      } else if (signal == NoiseGate.Signal.RESOLVE) {
        Episode open = state.episodes.remove(rule);
        if (open != null) {
          outcome.alerts.add(alert(rule, AlertStatus.RESOLVED, open, open.windowStart(), now, observed,
              resolvedMessage.get()));
        }
      }
    }

    /** The rule's gate, carrying the configured settings (stored state carries none). */
    private NoiseGate gate(AlertRule rule) {
      NoiseGate.Settings configured = settings.baselines().gate();
      NoiseGate gate = state.gates.get(rule);
      if (gate == null) {
        gate = new NoiseGate(configured);
      } else if (!gate.settings().equals(configured)) {
        gate = NoiseGate.fromBytes(gate.toBytes(), configured);
      }
      state.gates.put(rule, gate);
      return gate;
    }

    /** Expected amount over [spanStart, now] from the previous and current hour's expected values. */
    private double expectedOver(double[] expected, long spanStart) {
      long hour = Time.hourStart(now);
      long inPrevious = overlap(spanStart, now, hour - Time.HOUR_MS, hour);
      long inCurrent = now - Math.max(hour, spanStart);
      if ((inPrevious > 0 && Double.isNaN(expected[0])) || Double.isNaN(expected[1])) {
        return Double.NaN;
      }
      double total = (inPrevious > 0 ? expected[0] * inPrevious : 0) + expected[1] * inCurrent;
      return total / Time.HOUR_MS;
    }

    /** Caches the previous and current hour's expected values; reads the baselines once an hour. */
    private void refreshExpected() {
      long hour = Time.hourStart(now);
      if (state.expectedHour == hour) {
        return;
      }
      EndpointBaselines baselines = loadBaselines();
      for (int i = 0; i < 2; i++) {
        long h = hour - (1 - i) * Time.HOUR_MS;
        state.expectedSpend[i] = orNaN(baselines == null ? null : baselines.spend.expected(h));
        state.expectedRequests[i] = orNaN(baselines == null ? null : baselines.requests.expected(h));
      }
      state.expectedHour = hour;
    }

    private static double orNaN(java.util.OptionalDouble value) {
      return value == null || value.isEmpty() ? Double.NaN : value.getAsDouble();
    }

    private EndpointBaselines loadBaselines() {
      byte[] bytes = slices.baselines(endpoint.endpointId());
      return bytes == null ? null : EndpointBaselines.fromBytes(bytes, settings.baselines(), endpoint.zone());
    }

    /** Messages are suppliers: they are formatted only on a transition, not for every record. */
    private void slidingTransition(
        AlertRule rule, boolean breached, double observed, double threshold, long spanStart,
        Supplier<String> firingMessage, Supplier<String> resolvedMessage) {
      Episode open = state.episodes.get(rule);
      if (breached && open == null) {
        String id = Ids.nameBased(endpoint.endpointId(), rule, now);
        Episode episode = new Episode(id, spanStart, now, threshold, null, now);
        state.episodes.put(rule, episode);
        CostAlert alert = alert(rule, AlertStatus.FIRING, episode, spanStart, now, observed, firingMessage.get());
        outcome.alerts.add(alert);
        command(rule, alert);
      } else if (!breached && open != null) {
        state.episodes.remove(rule);
        outcome.alerts.add(alert(rule, AlertStatus.RESOLVED, open, open.windowStart(), now, observed,
            resolvedMessage.get()));
      }
    }

    private void evaluateRunaway(Events.Replica event) {
      double limit = endpoint.thresholds().get(AlertRule.RUNAWAY_SCALING);
      if (Double.isNaN(limit)) {
        limit = endpoint.expectedMaxReplicas();
      }
      int replicas = event.replicasAfter();
      long t = event.timestamp();
      Episode open = state.episodes.get(AlertRule.RUNAWAY_SCALING);
      if (replicas > limit && open == null) {
        String id = Ids.nameBased(endpoint.endpointId(), AlertRule.RUNAWAY_SCALING, t);
        Episode episode = new Episode(id, t, t, limit, null, now);
        state.episodes.put(AlertRule.RUNAWAY_SCALING, episode);
        CostAlert alert = alert(AlertRule.RUNAWAY_SCALING, AlertStatus.FIRING, episode, t, t, replicas,
            String.format("%s scaled to %d replicas, above its expected maximum of %s: runaway scaling",
                endpoint.endpointId(), replicas, trim(limit)));
        outcome.alerts.add(alert);
        command(AlertRule.RUNAWAY_SCALING, alert);
      } else if (replicas <= limit && open != null) {
        state.episodes.remove(AlertRule.RUNAWAY_SCALING);
        outcome.alerts.add(alert(AlertRule.RUNAWAY_SCALING, AlertStatus.RESOLVED, open, open.windowStart(), t,
            replicas, String.format("%s is back to %d replicas (expected maximum %s)",
                endpoint.endpointId(), replicas, trim(limit))));
      }
    }

    private void closeHours() {
      EndpointBaselines baselines = null;
      while (state.nextHourToClose + Time.HOUR_MS + settings.eventGraceMs() <= now) {
        long hour = state.nextHourToClose;
        resolveHourEpisodes();
        SliceStats view = hourView(hour);
        if (baselines == null) {
          baselines = loadOrCreateBaselines();
        }
        if (view.requests > 0 || view.visibleMicros() != 0) {
          boolean fired = evaluateCostPerRequest(hour, view, null, baselines);
          state.trailingHours.addLast(new ClosedHour(hour, view.visibleMicros(), view.requests, fired)
              .withMeteredAndBilled(view.meteredMicros(), view.billedMeterableMicros()));
          while (state.trailingHours.size() > settings.trailingHours()) {
            state.trailingHours.removeFirst();
          }
          evaluateUtilization(hour, view);
          outcome.closedHours.add(hour);
        }
        observe(baselines, hour, view);
        state.nextHourToClose = hour + Time.HOUR_MS;
      }
      if (baselines != null) {
        storeBaselines(baselines);
      }
    }

    /** A closed hour teaches the baselines what normal is; a quiet hour is a real sample of zero. */
    private void observe(EndpointBaselines baselines, long hour, SliceStats view) {
      long spend = Math.max(0, view.visibleMicros());
      baselines.spend.observe(hour, spend);
      baselines.requests.observe(hour, view.requests);
      if (view.requests >= settings.minRequestsForRatios()) {
        baselines.costPerRequest.observe(hour, (double) spend / view.requests);
      }
    }

    private EndpointBaselines loadOrCreateBaselines() {
      EndpointBaselines baselines = loadBaselines();
      return baselines != null ? baselines : EndpointBaselines.empty(settings.baselines(), endpoint.zone());
    }

    private void storeBaselines(EndpointBaselines baselines) {
      slices.putBaselines(endpoint.endpointId(), baselines.toBytes());
      state.expectedHour = EndpointState.NEVER;
    }

    /** LOW_UTILIZATION: a closed hour with at least a replica-hour of ready time, mostly idle. */
    private void evaluateUtilization(long hour, SliceStats view) {
      Double utilization = HourlyMetrics.utilization(view, settings.concurrencyPerReplica());
      double limit = endpoint.thresholds().get(AlertRule.LOW_UTILIZATION);
      if (utilization == null || view.readyReplicaMs < Time.HOUR_MS || utilization >= limit) {
        return;
      }
      AlertRule rule = AlertRule.LOW_UTILIZATION;
      Episode episode = new Episode(Ids.nameBased(endpoint.endpointId(), rule, hour), hour, hour + Time.HOUR_MS,
          limit, null, now);
      state.hourEpisodes.put(rule.name() + "@" + hour, episode);
      outcome.alerts.add(alert(rule, AlertStatus.FIRING, episode, hour, hour + Time.HOUR_MS, utilization,
          String.format("%s was %.1f%% utilized in the hour from %s UTC (%.1f replica-hours ready, limit %.0f%%):"
                  + " over-provisioned, consider a smaller instance or fewer replicas",
              endpoint.endpointId(), utilization * 100, Time.hhmm(hour, java.time.ZoneOffset.UTC),
              view.readyReplicaMs / (double) Time.HOUR_MS, limit * 100)));
    }

    /** Re-evaluates closed hours a late bill changed: cost per request is judged again. */
    void reevaluateClosedHours() {
      for (long hour : billedClosedHours) {
        SliceStats view = hourView(hour);
        ClosedHour closed = null;
        for (ClosedHour candidate : state.trailingHours) {
          if (candidate.hourStart == hour) {
            closed = candidate;
          }
        }
        if (closed == null) {
          continue;
        }
        closed.spendMicros = view.visibleMicros();
        closed.withMeteredAndBilled(view.meteredMicros(), view.billedMeterableMicros());
        EndpointBaselines baselines = loadOrCreateBaselines();
        if (!closed.costPerRequestFired) {
          closed.costPerRequestFired = evaluateCostPerRequest(hour, view, closed, baselines);
        }
        observe(baselines, hour, view);
        storeBaselines(baselines);
        outcome.closedHours.add(hour);
      }
    }

    /**
     * COST_PER_REQUEST_RISING: the closed hour's cost per request against the seasonal baseline for
     * that hour of the week; while it warms up, silent, or (when configured) against the trailing
     * closed hours.
     */
    private boolean evaluateCostPerRequest(
        long hour, SliceStats view, ClosedHour excluded, EndpointBaselines baselines) {
      if (view.requests < settings.minRequestsForRatios()) {
        return false;
      }
      double factor = endpoint.thresholds().get(AlertRule.COST_PER_REQUEST_RISING);
      // Its own hour of the week only: the pooled weekday level would make a quiet weekend hour look
      // expensive per request.
      java.util.OptionalDouble seasonal =
          baselines.costPerRequest.samplesFor(hour) >= settings.baselines().minSamples()
              ? baselines.costPerRequest.expected(hour) : java.util.OptionalDouble.empty();
      double baseline;
      String baselineName;
      if (seasonal.isPresent()) {
        baseline = seasonal.getAsDouble() / 1_000_000.0;
        baselineName = "its usual";
        if (!costPerRequestBreached(hour, view.visibleMicros(), view.requests, factor, baselines)
            || !previousHoursBreached(hour, factor, baselines)) {
          return false;
        }
      } else if (!settings.baselines().trailingFallback()) {
        return false; // the seasonal baseline is still warming up
      } else {
        long spend = 0;
        long requests = 0;
        int hours = 0;
        for (ClosedHour closed : state.trailingHours) {
          if (closed != excluded && closed.hourStart != hour && closed.requests > 0) {
            spend += closed.spendMicros;
            requests += closed.requests;
            hours++;
          }
        }
        if (hours < MIN_BASELINE_HOURS || requests == 0) {
          return false;
        }
        baseline = Money.usd(spend) / requests;
        baselineName = "its trailing average of";
        // Exactly at the threshold never fires: compare hourSpend/hourRequests > factor x spend/requests
        // without rounding, in whole micro-dollars.
        java.math.BigDecimal hourSide = java.math.BigDecimal.valueOf(view.visibleMicros())
            .multiply(java.math.BigDecimal.valueOf(requests));
        java.math.BigDecimal limitSide = java.math.BigDecimal.valueOf(factor)
            .multiply(java.math.BigDecimal.valueOf(spend)).multiply(java.math.BigDecimal.valueOf(view.requests));
        if (hourSide.compareTo(limitSide) <= 0) {
          return false;
        }
      }
      double costPerRequest = Money.usd(view.visibleMicros()) / view.requests;
      AlertRule rule = AlertRule.COST_PER_REQUEST_RISING;
      String id = Ids.nameBased(endpoint.endpointId(), rule, hour);
      Episode episode = new Episode(id, hour, hour + Time.HOUR_MS, factor * baseline, baseline, now);
      state.hourEpisodes.put(rule.name() + "@" + hour, episode);
      outcome.alerts.add(alert(rule, AlertStatus.FIRING, episode, hour, hour + Time.HOUR_MS, costPerRequest,
          String.format("%s cost $%.6f per request in the hour from %s UTC, %.1fx %s $%.6f",
              endpoint.endpointId(), costPerRequest, Time.hhmm(hour, java.time.ZoneOffset.UTC),
              costPerRequest / baseline, baselineName, baseline)));
      return true;
    }

    /**
     * Whether an hour's cost per request is above both {@code factor} x its usual level and the usual
     * level plus the configured number of robust standard deviations, by more than the spend floor in
     * dollars (cents over the usual are not worth a page however large the ratio).
     */
    private boolean costPerRequestBreached(long hour, long spendMicros, long requests, double factor,
        EndpointBaselines baselines) {
      if (requests < settings.minRequestsForRatios()
          || baselines.costPerRequest.samplesFor(hour) < settings.baselines().minSamples()) {
        return false;
      }
      double usual = baselines.costPerRequest.expected(hour).orElse(Double.NaN);
      if (Double.isNaN(usual)) {
        return false;
      }
      double limit = Math.max(factor * usual,
          usual + settings.baselines().spreadLimit() * baselines.costPerRequest.spread(hour).orElse(0));
      double excessMicros = spendMicros - usual * requests;
      return spendMicros > limit * requests && excessMicros > settings.baselines().spendFloorUsd() * 1_000_000.0;
    }

    /** The closed hours just before {@code hour} breached too, as many as the noise control asks for. */
    private boolean previousHoursBreached(long hour, double factor, EndpointBaselines baselines) {
      for (int back = 1; back < settings.baselines().minBreachHours(); back++) {
        long earlier = hour - back * Time.HOUR_MS;
        ClosedHour closed = null;
        for (ClosedHour candidate : state.trailingHours) {
          if (candidate.hourStart == earlier) {
            closed = candidate;
          }
        }
        if (closed == null || !costPerRequestBreached(earlier, closed.spendMicros, closed.requests, factor, baselines)) {
          return false;
        }
      }
      return true;
    }

    private void resolveHourEpisodes() {
      for (Iterator<Map.Entry<String, Episode>> it = state.hourEpisodes.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, Episode> entry = it.next();
        AlertRule rule = AlertRule.valueOf(entry.getKey().substring(0, entry.getKey().indexOf('@')));
        Episode episode = entry.getValue();
        outcome.alerts.add(alert(rule, AlertStatus.RESOLVED, episode, episode.windowStart(), episode.windowEnd(),
            Double.NaN, String.format("%s: the hour from %s UTC is over", endpoint.endpointId(),
                Time.hhmm(episode.windowStart(), java.time.ZoneOffset.UTC))));
        it.remove();
      }
    }

    /** The merged figures of one UTC hour (one slice, or two where a local midnight cuts it). */
    private SliceStats hourView(long hour) {
      SliceStats view = new SliceStats(hour, hour + Time.HOUR_MS);
      for (long s = hour; s < hour + Time.HOUR_MS; ) {
        long start = sliceStart(s);
        int index = touchedIndex(start);
        SliceStats slice = index >= 0 ? touched[index] : slices.get(endpoint.endpointId(), start);
        if (slice != null) {
          view.mergeFrom(slice);
        }
        s = sliceEnd(s);
      }
      return view;
    }

    private void evaluateDays() {
      for (Iterator<DayState> it = state.days.values().iterator(); it.hasNext(); ) {
        DayState day = it.next();
        if (day.dayEnd + settings.billingGraceMs() <= now) {
          for (int tier = 0; tier < BudgetTiers.RULES.size(); tier++) {
            if (day.tierFired(tier)) {
              AlertRule rule = BudgetTiers.RULES.get(tier);
              outcome.alerts.add(alert(rule, AlertStatus.RESOLVED, tierEpisode(rule, day, tierLimit(rule)),
                  day.dayStart, day.dayEnd, Money.usd(day.visibleMicros),
                  String.format("%s: budget day %s is over (final spend %s)", endpoint.endpointId(),
                      Time.localDate(day.dayStart, endpoint.zone()), Money.format(day.visibleMicros))));
            }
          }
          it.remove();
          continue;
        }
        evaluateTiers(day);
        evaluateThrash(day);
        if (tick && now >= day.dayStart && now < day.dayEnd) {
          evaluateForecast(day);
        }
        if (day.dayEnd + settings.eventGraceMs() <= now) {
          closeDayEpisodes(day);
        }
      }
    }

    /** AUTOSCALING_THRASH: more scale-ups in the budget day than the limit; once a day. */
    private void evaluateThrash(DayState day) {
      double limit = endpoint.thresholds().get(AlertRule.AUTOSCALING_THRASH);
      if (day.thrash != DayState.QUIET || day.scaleUps <= limit) {
        return;
      }
      day.thrash = DayState.FIRING;
      long transfer = Math.max(day.metered[Category.COLD_START_TRANSFER], day.billed[Category.COLD_START_TRANSFER]);
      AlertRule rule = AlertRule.AUTOSCALING_THRASH;
      CostAlert alert = alert(rule, AlertStatus.FIRING, dayEpisode(rule, day, limit, null), day.dayStart, day.dayEnd,
          day.scaleUps,
          String.format("%s scaled up %d times on %s (limit %s): autoscaling thrash, %s of model downloads so far"
                  + " and about %s-%s of scale-up overhead at $2-5 each",
              endpoint.endpointId(), day.scaleUps, Time.localDate(day.dayStart, endpoint.zone()), trim(limit),
              Money.format(transfer), Money.format(day.scaleUps * 2_000_000L), Money.format(day.scaleUps * 5_000_000L)));
      outcome.alerts.add(alert);
      command(rule, alert);
    }

    /**
     * BUDGET_FORECAST: the day's spend projected to its end (seasonal shape at the last hour's pace)
     * crosses the limit while the actual spend is still below the first budget tier. Judged on the
     * stream-time tick every five minutes, through the noise gate, once a day.
     */
    private void evaluateForecast(DayState day) {
      long budget = endpoint.dailyBudgetMicros();
      if (budget <= 0 || day.forecast != DayState.QUIET || day.tierFired(0)
          || (state.forecastCheckedAt != EndpointState.NEVER && now - state.forecastCheckedAt < FORECAST_EVERY_MS)) {
        return;
      }
      state.forecastCheckedAt = now;
      long limit = Math.round(budget * endpoint.thresholds().get(AlertRule.BUDGET_FORECAST));
      EndpointBaselines baselines = loadBaselines();
      BudgetForecast.Projection projection = BudgetForecast.project(day.dayStart, day.dayEnd, now,
          Math.max(0, day.visibleMicros), Math.max(0, lastHourSpendMicros), baselines == null ? null : baselines.spend);
      AlertRule rule = AlertRule.BUDGET_FORECAST;
      if (gate(rule).evaluate(now, projection.projectedMicros(), limit) != NoiseGate.Signal.FIRE) {
        return;
      }
      state.gates.remove(rule);
      day.forecast = DayState.FIRING;
      long crossing = projection.crossesAt(limit).orElse(day.dayEnd);
      outcome.alerts.add(alert(rule, AlertStatus.FIRING, dayEpisode(rule, day, Money.usd(limit), null), day.dayStart,
          day.dayEnd, Money.usd(projection.projectedMicros()),
          String.format("%s is on course for %s, %.0f%% of its %s budget, by the end of %s; at this pace it"
                  + " passes %s at %s %s (spent %s so far)",
              endpoint.endpointId(), Money.format(projection.projectedMicros()),
              projection.percentOf(budget), Money.format(budget), Time.localDate(day.dayStart, endpoint.zone()),
              Money.format(limit), Time.hhmm(crossing, endpoint.zone()), endpoint.zone().getId(),
              Money.format(day.visibleMicros))));
    }

    /** The once-a-day episodes that are not about billing resolve when the day is over. */
    private void closeDayEpisodes(DayState day) {
      String date = Time.localDate(day.dayStart, endpoint.zone()).toString();
      if (day.thrash == DayState.FIRING) {
        AlertRule rule = AlertRule.AUTOSCALING_THRASH;
        outcome.alerts.add(alert(rule, AlertStatus.RESOLVED,
            dayEpisode(rule, day, endpoint.thresholds().get(rule), null), day.dayStart, day.dayEnd, day.scaleUps,
            String.format("%s: budget day %s is over (%d scale-ups)", endpoint.endpointId(), date, day.scaleUps)));
      }
      if (day.forecast == DayState.FIRING) {
        AlertRule rule = AlertRule.BUDGET_FORECAST;
        long limit = Math.round(endpoint.dailyBudgetMicros() * endpoint.thresholds().get(rule));
        outcome.alerts.add(alert(rule, AlertStatus.RESOLVED, dayEpisode(rule, day, Money.usd(limit), null),
            day.dayStart, day.dayEnd, Money.usd(day.visibleMicros),
            String.format("%s: budget day %s is over (spent %s)", endpoint.endpointId(), date,
                Money.format(day.visibleMicros))));
      }
      day.thrash = DayState.DONE;
      day.forecast = DayState.DONE;
    }

    private Episode dayEpisode(AlertRule rule, DayState day, double threshold, Double baseline) {
      String id = Ids.nameBased(endpoint.endpointId(), rule, Time.localDate(day.dayStart, endpoint.zone()));
      return new Episode(id, day.dayStart, day.dayEnd, threshold, baseline, now);
    }

    private void evaluateTiers(DayState day) {
      long budget = endpoint.dailyBudgetMicros();
      if (budget <= 0) {
        return;
      }
      List<CostAlert> firing = new ArrayList<>();
      for (int tier = 0; tier < BudgetTiers.RULES.size(); tier++) {
        AlertRule rule = BudgetTiers.RULES.get(tier);
        long limit = tierLimit(rule);
        boolean crossed = day.visibleMicros > limit;
        if (crossed && !day.tierFired(tier)) {
          day.setTierFired(tier, true);
          double percent = 100.0 * day.visibleMicros / budget;
          CostAlert alert = alert(rule, AlertStatus.FIRING, tierEpisode(rule, day, limit), day.dayStart, day.dayEnd,
              Money.usd(day.visibleMicros),
              String.format("%s spent %s (%s) on %s, %.0f%% of its %s daily budget (limit %s)",
                  endpoint.endpointId(), Money.format(day.visibleMicros), day.source(),
                  Time.localDate(day.dayStart, endpoint.zone()), percent, Money.format(budget), Money.format(limit)));
          firing.add(alert);
          outcome.alerts.add(alert);
        } else if (!crossed && day.tierFired(tier) && settingsChanged) {
          day.setTierFired(tier, false);
          outcome.alerts.add(alert(rule, AlertStatus.RESOLVED, tierEpisode(rule, day, limit), day.dayStart,
              day.dayEnd, Money.usd(day.visibleMicros),
              String.format("%s spend on %s is %s, back within the %s line of its %s budget", endpoint.endpointId(),
                  Time.localDate(day.dayStart, endpoint.zone()), Money.format(day.visibleMicros),
                  Money.format(limit), Money.format(budget))));
        }
      }
      // One late bill may cross several tiers at once: only the highest tier's command is issued.
      for (int i = firing.size() - 1; i >= 0; i--) {
        CostAlert alert = firing.get(i);
        if (policy.proposalFor(alert.getRule(), endpoint).isPresent()) {
          command(alert.getRule(), alert);
          break;
        }
      }
    }

    private long tierLimit(AlertRule rule) {
      return Math.round(endpoint.dailyBudgetMicros() * endpoint.thresholds().get(rule));
    }

    private Episode tierEpisode(AlertRule rule, DayState day, long limit) {
      String id = Ids.nameBased(endpoint.endpointId(), rule,
          Time.localDate(day.dayStart, endpoint.zone()));
      return new Episode(id, day.dayStart, day.dayEnd, Money.usd(limit), null, now);
    }

    private void command(AlertRule rule, CostAlert alert) {
      Optional<CommandPolicy.Proposal> proposal = policy.proposalFor(rule, endpoint);
      if (proposal.isEmpty()) {
        return;
      }
      policy.decide(proposal.get(), alert.getAlertId(), rule + ": " + alert.getMessage(), now, endpoint,
              state.lastCommands, dryRun)
          .ifPresent(outcome.commands::add);
    }

    private CostAlert alert(
        AlertRule rule, AlertStatus status, Episode episode, long windowStart, long windowEnd, double observed,
        String message) {
      RuleCatalog.RuleFacts facts = RuleCatalog.of(rule);
      double reported = Double.isNaN(observed) ? episode.threshold() : observed;
      return CostAlert.newBuilder()
          .setAlertId(episode.alertId())
          .setEndpointId(endpoint.endpointId())
          .setRule(rule)
          .setSeverity(facts.severity())
          .setStatus(status)
          .setWindowStart(java.time.Instant.ofEpochMilli(windowStart))
          .setWindowEnd(java.time.Instant.ofEpochMilli(windowEnd))
          .setObserved(reported)
          .setThreshold(episode.threshold())
          .setBaseline(episode.baseline())
          .setUnit(facts.unit())
          .setMessage(message)
          .setDetectedAt(java.time.Instant.ofEpochMilli(now))
          .setOwner(endpoint.configured() ? endpoint.owner() : null)
          .setRegion(endpoint.configured() ? endpoint.region() : state.lastRegion)
          .setInstanceType(endpoint.configured() ? endpoint.instanceType() : state.lastInstanceType)
          .build();
    }

    private String trim(double value) {
      return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
  }
}
