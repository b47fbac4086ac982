package io.burnrate.engine;

import io.burnrate.actions.CommandPolicy;
import io.burnrate.baseline.SpendProjection;
import io.burnrate.core.Ids;
import io.burnrate.core.Money;
import io.burnrate.core.Time;
import io.burnrate.meter.Category;
import io.burnrate.meter.SliceStats;
import io.burnrate.rules.AlertLifecycle;
import io.burnrate.rules.BaselineRule;
import io.burnrate.rules.BudgetForecast;
import io.burnrate.rules.AutoscalingThrash;
import io.burnrate.rules.ClosedHour;
import io.burnrate.rules.ClosedHourRule;
import io.burnrate.rules.CommandProposal;
import io.burnrate.rules.DailyBudgetTier;
import io.burnrate.rules.DayFigures;
import io.burnrate.rules.EndpointSettings;
import io.burnrate.rules.Episode;
import io.burnrate.rules.HourFigures;
import io.burnrate.rules.LatencyBins;
import io.burnrate.rules.LifecycleSettings;
import io.burnrate.rules.QueueDepth;
import io.burnrate.rules.Reading;
import io.burnrate.rules.ReplicaEventRule;
import io.burnrate.rules.Rule;
import io.burnrate.rules.RuleCatalog;
import io.burnrate.rules.RuleTrack;
import io.burnrate.rules.SpanFigures;
import io.burnrate.rules.SpanRule;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Applies one record (or one tick of stream time) to one endpoint's state and evaluates the rules on
 * the value after it, so that {@code observed} and {@code detected_at} never depend on caching or
 * commit timing. Deterministic: the same sequence of calls yields the same outputs.
 */
public final class EndpointEngine {
  private static final List<SpanRule> SPAN_RULES = RuleCatalog.ofKind(SpanRule.class);
  private static final List<BaselineRule> BASELINE_RULES = RuleCatalog.ofKind(BaselineRule.class);
  private static final List<ClosedHourRule> CLOSED_HOUR_RULES = RuleCatalog.ofKind(ClosedHourRule.class);
  private static final List<ReplicaEventRule> REPLICA_RULES = RuleCatalog.ofKind(ReplicaEventRule.class);
  private static final AutoscalingThrash THRASH = (AutoscalingThrash) RuleCatalog.rule(AlertRule.AUTOSCALING_THRASH);
  private static final BudgetForecast FORECAST = (BudgetForecast) RuleCatalog.rule(AlertRule.BUDGET_FORECAST);

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
    if (!state.replicas.isEmpty() || !state.minutes.isEmpty() || !state.stoppedReplicas.isEmpty() || anyOpen(state)) {
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

  private static boolean anyOpen(EndpointState state) {
    for (RuleTrack track : state.tracks.values()) {
      if (!track.quiet()) {
        return true;
      }
    }
    return false;
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
    private static final long LONGEST_DAY_MS = 25 * Time.HOUR_MS;
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
    /** The replica count changed in this step: only then can a replica rule newly fire. */
    private boolean replicaCountSet;

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
          double latencyLimit = endpoint.thresholds().get(AlertRule.HIGH_LATENCY);
          minute.warmRequests++;
          if (request.latencyMs() > latencyLimit) {
            minute.slowRequests++;
          }
          int bin = LatencyBins.index(request.latencyMs(), latencyLimit);
          if (bin > 0) {
            if (minute.latencyBins == null) {
              minute.latencyBins = new long[LatencyBins.COUNT];
            }
            minute.latencyBins[bin]++;
            if (bin == LatencyBins.COUNT - 1) {
              minute.slowestMs = Math.max(minute.slowestMs, request.latencyMs());
            }
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
        replicaCountSet = true;
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
      long dayStart = budgetDay(t);
      DayState day = state.days.get(dayStart);
      if (day == null) {
        day = new DayState(dayStart, Time.dayEnd(t, endpoint.zone()));
        state.days.put(dayStart, day);
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
      evaluateSpanRules();
      evaluateReplicaRules();
      closeHours();
      evaluateDays();
      forgetQuietTracks();
      for (int i = 0; i < touchedCount; i++) {
        slices.put(endpoint.endpointId(), touched[i]);
        outcome.changedHours.add(Time.hourStart(touchedStarts[i]));
      }
      return outcome;
    }

    private void evaluateSpanRules() {
      // Minute buckets from the one 60 minutes back to the current one: a full hour is always covered
      // (erring towards a few seconds more, never less).
      long spanStart = Time.minuteStart(now) - 60 * Time.MINUTE_MS;
      long currentMinute = Time.minuteStart(now);
      SpanTotals span = new SpanTotals();
      span.add(earlierMinutes(spanStart, currentMinute));
      span.addMinutes(state.minutes, currentMinute, now);
      long queueSpanStart = currentMinute - QueueDepth.SPAN_MINUTES * Time.MINUTE_MS;
      SpanTotals queueSpan = new SpanTotals();
      queueSpan.addMinutes(state.minutes, queueSpanStart, now);
      lastHourSpendMicros = span.spendMicros();
      refreshExpected();
      SpanFigures figures = new SpanFigures(now, spanStart, span, queueSpanStart, QueueDepth.SPAN_MINUTES, queueSpan,
          expectedOver(state.expectedSpend, spanStart), expectedOver(state.expectedRequests, spanStart),
          settings.minRequestsForRatios());
      for (SpanRule rule : SPAN_RULES) {
        Reading reading = rule.judge(figures, endpoint, lifecycle(rule).hysteresis());
        switch (evaluate(rule, reading, AlertLifecycle.Trigger.AT_ONCE)) {
          case FIRE -> fire(rule, reading, spanStart, now, rule.firingMessage(figures, endpoint, reading));
          case RESOLVE -> resolve(rule, reading, now, rule.resolvedMessage(figures, endpoint, reading));
          default -> { }
        }
      }
      AlertLifecycle.Trigger gated = AlertLifecycle.Trigger.of(settings.baselines().gate());
      for (BaselineRule rule : BASELINE_RULES) {
        Reading reading = rule.judge(figures, endpoint, lifecycle(rule).hysteresis());
        switch (evaluate(rule, reading, gated)) {
          case FIRE -> fire(rule, reading, spanStart, now, rule.firingMessage(figures, endpoint, reading));
          case RESOLVE -> resolve(rule, reading, now, rule.resolvedMessage(figures, endpoint, reading));
          default -> { }
        }
      }
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

    private void evaluateReplicaRules() {
      if (state.lastReplicaEventAt == EndpointState.NEVER) {
        return;
      }
      for (ReplicaEventRule rule : REPLICA_RULES) {
        if (!replicaCountSet && !settingsChanged && state.tracks.get(rule.id()) == null) {
          continue; // quiet, and nothing it judges changed
        }
        Reading reading = rule.judge(state.replicaCount, endpoint, lifecycle(rule).hysteresis());
        long at = Math.max(now, state.lastReplicaEventAt);
        switch (evaluate(rule, reading, AlertLifecycle.Trigger.AT_ONCE)) {
          case FIRE -> fire(rule, reading, at, at, rule.firingMessage(state.replicaCount, endpoint, reading));
          case RESOLVE -> resolve(rule, reading, now, rule.resolvedMessage(state.replicaCount, endpoint, reading));
          default -> { }
        }
      }
    }

    /** Feeds a reading to the rule's lifecycle at {@link #now}. */
    private AlertLifecycle.Transition evaluate(Rule rule, Reading reading, AlertLifecycle.Trigger trigger) {
      return evaluateAt(rule, reading, now, trigger);
    }

    private AlertLifecycle.Transition evaluateAt(
        Rule rule, Reading reading, long at, AlertLifecycle.Trigger trigger) {
      RuleTrack track = state.tracks.get(rule.id());
      if (track == null) {
        if (!reading.breached()) {
          return AlertLifecycle.Transition.NONE; // a quiet rule stays quiet: nothing to store
        }
        track = AlertLifecycle.newTrack(trigger, lifecycle(rule));
        state.tracks.put(rule.id(), track);
      }
      AlertLifecycle.Transition transition =
          AlertLifecycle.evaluate(track, rule, reading, at, budgetDay(at), trigger, lifecycle(rule));
      if (transition == AlertLifecycle.Transition.FIRE_SILENTLY) {
        track.open = null;
      }
      return transition;
    }

    private LifecycleSettings lifecycle(Rule rule) {
      return settings.lifecycles().of(rule.id(), endpoint.endpointId());
    }

    /** The start of the budget day {@code t} falls in, the last answer kept: zone arithmetic is costly. */
    private long budgetDay(long t) {
      if (t != dayStartOf || t == UNASKED) {
        dayStartAt = Time.dayStart(t, endpoint.zone());
        dayStartOf = t;
      }
      return dayStartAt;
    }

    /** Opens the rule's episode and emits its FIRING (and its command). */
    private void fire(Rule rule, Reading reading, long windowStart, long windowEnd, String message) {
      RuleTrack track = state.tracks.get(rule.id());
      long breachStart = AlertLifecycle.breachStart(track);
      String id = Ids.nameBased(endpoint.endpointId(), rule.id(), breachStart);
      Episode episode = new Episode(id, windowStart, windowEnd, reading.threshold(), baselineOf(reading), now);
      AlertLifecycle.open(track, rule, episode, budgetDay(now));
      CostAlert alert = alert(rule.id(), AlertStatus.FIRING, episode, windowStart, windowEnd, reading.observed(),
          message);
      outcome.alerts.add(alert);
      command(rule.id(), alert);
    }

    private void resolve(Rule rule, Reading reading, long windowEnd, String message) {
      RuleTrack track = state.tracks.get(rule.id());
      Episode open = track.open;
      AlertLifecycle.close(track);
      outcome.alerts.add(alert(rule.id(), AlertStatus.RESOLVED, open, open.windowStart(), windowEnd,
          reading.observed(), message));
    }

    private static Double baselineOf(Reading reading) {
      return Double.isNaN(reading.baseline()) ? null : reading.baseline();
    }

    /** A rule back to quiet with nothing owed and no FIRING of its budget day to remember is not stored. */
    private void forgetQuietTracks() {
      // A budget day lasts 25 hours at most: past that, the day of the last FIRING is over without
      // asking the zone which day it is now.
      if (state.tracks.isEmpty()) {
        return;
      }
      state.tracks.values().removeIf(track -> track.quiet()
          && (track.firedDay == RuleTrack.NEVER || now - track.firedDay >= LONGEST_DAY_MS));
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

    private static double orNaN(OptionalDouble value) {
      return value == null || value.isEmpty() ? Double.NaN : value.getAsDouble();
    }

    private EndpointBaselines loadBaselines() {
      byte[] bytes = slices.baselines(endpoint.endpointId());
      return bytes == null ? null : EndpointBaselines.fromBytes(bytes, settings.baselines(), endpoint.zone());
    }

    // ---- closed hours ----

    private void closeHours() {
      EndpointBaselines baselines = null;
      while (state.nextHourToClose + Time.HOUR_MS + settings.eventGraceMs() <= now) {
        long hour = state.nextHourToClose;
        SliceStats view = hourView(hour);
        if (baselines == null) {
          baselines = loadOrCreateBaselines();
        }
        HourFigures figures = hourFigures(hour, view, baselines);
        judgeClosedHour(figures, false);
        if (view.requests > 0 || view.visibleMicros() != 0) {
          state.trailingHours.addLast(new ClosedHour(hour, view.visibleMicros(), view.requests, false)
              .withMeteredAndBilled(view.meteredMicros(), view.billedMeterableMicros())
              .withUse(view.busyMicros, view.readyReplicaMs));
          while (state.trailingHours.size() > settings.trailingHours()) {
            state.trailingHours.removeFirst();
          }
          outcome.closedHours.add(hour);
        }
        observe(baselines, hour, view);
        state.nextHourToClose = hour + Time.HOUR_MS;
      }
      if (baselines != null) {
        storeBaselines(baselines);
      }
    }

    private HourFigures hourFigures(long hour, SliceStats view, EndpointBaselines baselines) {
      BaselineSettings b = settings.baselines();
      return new HourFigures(hour, view.requests, view.visibleMicros(), view.readyReplicaMs,
          HourlyMetrics.utilization(view, settings.concurrencyPerReplica()), state.trailingHours,
          baselines.costPerRequest, new HourFigures.Judging(settings.minRequestsForRatios(), b.minSamples(),
              b.spreadLimit(), b.spendFloorUsd(), b.minBreachHours(), b.trailingFallback(),
              settings.concurrencyPerReplica()));
    }

    /**
     * Judges a closed hour with every closed-hour rule at the hour's end. An hour judged again after a
     * late bill may open an episode or extend one, never move one towards resolving.
     */
    private void judgeClosedHour(HourFigures figures, boolean revised) {
      long hourEnd = figures.hourStart() + Time.HOUR_MS;
      for (ClosedHourRule rule : CLOSED_HOUR_RULES) {
        Reading reading = rule.judge(figures, endpoint, lifecycle(rule).hysteresis());
        RuleTrack track = state.tracks.get(rule.id());
        if (revised && (!reading.breached() || pagedToday(track, figures.hourStart()))) {
          continue;
        }
        if (reading.breached() && track != null && track.open != null) {
          track.open = track.open.extendedTo(hourEnd);
        }
        switch (evaluateAt(rule, reading, hourEnd, AlertLifecycle.Trigger.AT_ONCE)) {
          case FIRE -> {
            fire(rule, reading, figures.hourStart(), hourEnd, rule.firingMessage(figures, endpoint, reading));
            ClosedHour closed = figures.trailingHour(figures.hourStart());
            if (closed != null) {
              closed.costPerRequestFired = true;
            }
          }
          case RESOLVE -> {
            Episode open = state.tracks.get(rule.id()).open;
            resolve(rule, reading, open.windowEnd(), String.format(
                "%s: %s is over; it covered %s, the hour from %s UTC was clear", endpoint.endpointId(), rule.id(),
                coveredHours(open), Time.hhmm(figures.hourStart(), ZoneOffset.UTC)));
          }
          default -> { }
        }
      }
    }

    /**
     * A late bill that shows an earlier hour breaching does not page again for a rule that already
     * paged that budget day and has since resolved: the later hours were judged meanwhile.
     */
    private boolean pagedToday(RuleTrack track, long hour) {
      return track != null && track.open == null && track.firedDay == budgetDay(hour);
    }

    private static String coveredHours(Episode episode) {
      long hours = (episode.windowEnd() - episode.windowStart()) / Time.HOUR_MS;
      return String.format("%d hour%s from %s to %s UTC", hours, hours == 1 ? "" : "s",
          Time.hhmm(episode.windowStart(), ZoneOffset.UTC), Time.hhmm(episode.windowEnd(), ZoneOffset.UTC));
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

    /** Re-evaluates closed hours a late bill changed: they are judged again. */
    void reevaluateClosedHours() {
      for (long hour : billedClosedHours) {
        ClosedHour closed = null;
        for (ClosedHour candidate : state.trailingHours) {
          if (candidate.hourStart == hour) {
            closed = candidate;
          }
        }
        if (closed == null) {
          continue;
        }
        SliceStats view = hourView(hour);
        closed.spendMicros = view.visibleMicros();
        closed.withMeteredAndBilled(view.meteredMicros(), view.billedMeterableMicros());
        EndpointBaselines baselines = loadOrCreateBaselines();
        judgeClosedHour(hourFigures(hour, view, baselines), true);
        observe(baselines, hour, view);
        storeBaselines(baselines);
        outcome.closedHours.add(hour);
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

    // ---- budget days ----

    private void evaluateDays() {
      for (Iterator<DayState> it = state.days.values().iterator(); it.hasNext(); ) {
        DayState day = it.next();
        if (day.dayEnd + settings.billingGraceMs() <= now) {
          DayFigures figures = dayFigures(day);
          for (int tier = 0; tier < DailyBudgetTier.TIERS.size(); tier++) {
            DailyBudgetTier rule = DailyBudgetTier.TIERS.get(tier);
            if (day.tierFired(tier)) {
              outcome.alerts.add(alert(rule.id(), AlertStatus.RESOLVED, tierEpisode(rule, day), day.dayStart,
                  day.dayEnd, Money.usd(day.visibleMicros), rule.dayOverMessage(figures, endpoint)));
            }
          }
          it.remove();
          continue;
        }
        DayFigures figures = dayFigures(day);
        evaluateTiers(day, figures);
        evaluateThrash(day, figures);
        if (tick && now >= day.dayStart && now < day.dayEnd) {
          evaluateForecast(day);
        }
        if (day.dayEnd + settings.eventGraceMs() <= now) {
          closeDayEpisodes(day);
        }
      }
    }

    private DayFigures dayFigures(DayState day) {
      return new DayFigures(day.dayStart, day.dayEnd, day.date(endpoint.zone()), day.visibleMicros,
          day.source(), day.scaleUps,
          Math.max(day.metered[Category.COLD_START_TRANSFER], day.billed[Category.COLD_START_TRANSFER]));
    }

    private void evaluateThrash(DayState day, DayFigures figures) {
      if (day.thrash != DayState.QUIET) {
        return;
      }
      Reading reading = THRASH.judge(figures, endpoint);
      if (!reading.breached()) {
        return;
      }
      day.thrash = DayState.FIRING;
      CostAlert alert = alert(THRASH.id(), AlertStatus.FIRING, dayEpisode(THRASH.id(), day, reading.threshold()),
          day.dayStart, day.dayEnd, reading.observed(), THRASH.firingMessage(figures, endpoint, reading));
      outcome.alerts.add(alert);
      command(THRASH.id(), alert);
    }

    /**
     * BUDGET_FORECAST, while the actual spend is still below the first budget tier: judged on the
     * stream-time tick every few minutes, through the noise gate, once a day.
     */
    private void evaluateForecast(DayState day) {
      long budget = endpoint.dailyBudgetMicros();
      if (budget <= 0 || day.forecast != DayState.QUIET || day.tierFired(0)
          || (state.forecastCheckedAt != EndpointState.NEVER && now - state.forecastCheckedAt < BudgetForecast.EVERY_MS)) {
        return;
      }
      state.forecastCheckedAt = now;
      EndpointBaselines baselines = loadBaselines();
      SpendProjection.Projection projection = SpendProjection.project(day.dayStart, day.dayEnd, now,
          Math.max(0, day.visibleMicros), Math.max(0, lastHourSpendMicros), baselines == null ? null : baselines.spend);
      Reading reading = FORECAST.judge(projection, endpoint);
      if (evaluate(FORECAST, reading, AlertLifecycle.Trigger.of(settings.baselines().gate()))
          != AlertLifecycle.Transition.FIRE) {
        return;
      }
      state.tracks.remove(FORECAST.id()); // the budget day ends the episode, not the gate
      day.forecast = DayState.FIRING;
      outcome.alerts.add(alert(FORECAST.id(), AlertStatus.FIRING, dayEpisode(FORECAST.id(), day, reading.threshold()),
          day.dayStart, day.dayEnd, reading.observed(), FORECAST.firingMessage(dayFigures(day), projection, endpoint)));
    }

    /** The once-a-day episodes that are not about billing resolve when the day is over. */
    private void closeDayEpisodes(DayState day) {
      DayFigures figures = dayFigures(day);
      if (day.thrash == DayState.FIRING) {
        outcome.alerts.add(alert(THRASH.id(), AlertStatus.RESOLVED,
            dayEpisode(THRASH.id(), day, endpoint.thresholds().get(THRASH.id())), day.dayStart, day.dayEnd,
            day.scaleUps, THRASH.resolvedMessage(figures, endpoint, null)));
      }
      if (day.forecast == DayState.FIRING) {
        outcome.alerts.add(alert(FORECAST.id(), AlertStatus.RESOLVED,
            dayEpisode(FORECAST.id(), day, Money.usd(FORECAST.limitMicros(endpoint))), day.dayStart, day.dayEnd,
            Money.usd(day.visibleMicros), FORECAST.resolvedMessage(figures, endpoint)));
      }
      day.thrash = DayState.DONE;
      day.forecast = DayState.DONE;
    }

    private Episode dayEpisode(AlertRule rule, DayState day, double threshold) {
      String id = Ids.nameBased(endpoint.endpointId(), rule, day.date(endpoint.zone()));
      return new Episode(id, day.dayStart, day.dayEnd, threshold, null, now);
    }

    private void evaluateTiers(DayState day, DayFigures figures) {
      if (endpoint.dailyBudgetMicros() <= 0) {
        return;
      }
      List<CostAlert> firing = new ArrayList<>();
      for (int tier = 0; tier < DailyBudgetTier.TIERS.size(); tier++) {
        if (day.tierFired(tier) && !settingsChanged) {
          continue; // a tier fires once a budget day; only a raised budget takes it back
        }
        DailyBudgetTier rule = DailyBudgetTier.TIERS.get(tier);
        Reading reading = rule.judge(figures, endpoint);
        if (reading.breached() && !day.tierFired(tier)) {
          day.setTierFired(tier, true);
          CostAlert alert = alert(rule.id(), AlertStatus.FIRING, tierEpisode(rule, day), day.dayStart, day.dayEnd,
              reading.observed(), rule.firingMessage(figures, endpoint, reading));
          firing.add(alert);
          outcome.alerts.add(alert);
        } else if (!reading.breached() && day.tierFired(tier) && settingsChanged) {
          day.setTierFired(tier, false);
          outcome.alerts.add(alert(rule.id(), AlertStatus.RESOLVED, tierEpisode(rule, day), day.dayStart,
              day.dayEnd, reading.observed(), rule.resolvedMessage(figures, endpoint, reading)));
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

    private Episode tierEpisode(DailyBudgetTier rule, DayState day) {
      String id = Ids.nameBased(endpoint.endpointId(), rule.id(), day.date(endpoint.zone()));
      return new Episode(id, day.dayStart, day.dayEnd, Money.usd(rule.limitMicros(endpoint)), null, now);
    }

    private void command(AlertRule rule, CostAlert alert) {
      Optional<CommandProposal> proposal = policy.proposalFor(rule, endpoint);
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
          .setWindowStart(Instant.ofEpochMilli(windowStart))
          .setWindowEnd(Instant.ofEpochMilli(windowEnd))
          .setObserved(reported)
          .setThreshold(episode.threshold())
          .setBaseline(episode.baseline())
          .setUnit(facts.unit())
          .setMessage(message)
          .setDetectedAt(Instant.ofEpochMilli(now))
          .setOwner(endpoint.configured() ? endpoint.owner() : null)
          .setRegion(endpoint.configured() ? endpoint.region() : state.lastRegion)
          .setInstanceType(endpoint.configured() ? endpoint.instanceType() : state.lastInstanceType)
          .build();
    }
  }
}
