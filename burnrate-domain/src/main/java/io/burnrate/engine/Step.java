package io.burnrate.engine;

import io.burnrate.actions.CommandPolicy;
import io.burnrate.core.Time;
import io.burnrate.meter.SliceStats;
import io.burnrate.rules.EndpointSettings;
import io.burnrate.rules.LifecycleSettings;
import io.burnrate.rules.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One call's work on one endpoint: the instant it happens at, the outputs it collects, and its working
 * set of slices, read at most once and written back once at the end. The parts of a step (recording,
 * metering, billing, the rule families) work through it.
 */
final class Step {
  static final long MINUTES_KEPT = 65;
  private static final long UNASKED = Long.MIN_VALUE;

  final PipelineSettings settings;
  final CommandPolicy policy;
  final EndpointState state;
  final EndpointSettings endpoint;
  final SliceAccess slices;
  /** Commands are decided but marked not executed: a dry run, or a replay of history. */
  final boolean dryRun;
  /** The endpoint's clock after this step: never moves back. */
  final long now;
  final Outcome outcome = new Outcome();
  /** Hours already closed that a bill of this step changed: they are judged again. */
  final List<Long> billedClosedHours = new ArrayList<>();
  boolean settingsChanged;
  /** A stream-time tick rather than a record: the only step that judges the budget forecast. */
  boolean tick;
  /** The replica count changed in this step: only then can a replica rule newly fire. */
  boolean replicaCountSet;
  long lastHourSpendMicros;

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

  Step(PipelineSettings settings, CommandPolicy policy, EndpointState state, EndpointSettings endpoint,
      SliceAccess slices, boolean replaying, long eventTime) {
    this.settings = settings;
    this.policy = policy;
    this.state = state;
    this.endpoint = endpoint;
    this.slices = slices;
    this.dryRun = settings.dryRun() || replaying;
    this.now = state.hasSeenEvents() ? Math.max(state.clock, eventTime) : eventTime;
    if (state.nextHourToClose == EndpointState.NEVER) {
      state.nextHourToClose = Time.hourStart(eventTime);
    }
    state.clock = now;
  }

  SliceStats slice(long t) {
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

  /** The merged figures of one UTC hour, from this step's slices where it touched them. */
  SliceStats hourView(long hour) {
    return SliceStats.hour(hour, endpoint.zone(), this::touchedOrStored);
  }

  private SliceStats touchedOrStored(long sliceStart) {
    int index = touchedIndex(sliceStart);
    return index >= 0 ? touched[index] : slices.get(endpoint.endpointId(), sliceStart);
  }

  /** Writes every slice this step touched back, once, and names their hours as changed. */
  void writeBack() {
    for (int i = 0; i < touchedCount; i++) {
      slices.put(endpoint.endpointId(), touched[i]);
      outcome.changedHours.add(Time.hourStart(touchedStarts[i]));
    }
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

  long sliceEnd(long t) {
    if (t != sliceEndOf || t == UNASKED) {
      sliceEndAt = Time.sliceEnd(t, endpoint.zone());
      sliceEndOf = t;
    }
    return sliceEndAt;
  }

  /** The start of the budget day {@code t} falls in, the last answer kept: zone arithmetic is costly. */
  long budgetDay(long t) {
    if (t != dayStartOf || t == UNASKED) {
      dayStartAt = Time.dayStart(t, endpoint.zone());
      dayStartOf = t;
    }
    return dayStartAt;
  }

  void addMetered(SliceStats slice, int category, long micros) {
    long before = slice.visibleMicros();
    slice.metered[category] += micros;
    DayState day = day(slice.sliceStart);
    day.metered[category] += micros;
    day.visibleMicros += slice.visibleMicros() - before;
  }

  void addBilled(SliceStats slice, int category, long micros) {
    long before = slice.visibleMicros();
    slice.billed[category] += micros;
    DayState day = day(slice.sliceStart);
    day.billed[category] += micros;
    day.visibleMicros += slice.visibleMicros() - before;
  }

  DayState day(long t) {
    long dayStart = budgetDay(t);
    DayState day = state.days.get(dayStart);
    if (day == null) {
      day = new DayState(dayStart, Time.dayEnd(t, endpoint.zone()));
      state.days.put(dayStart, day);
    }
    return day;
  }

  long firstKeptMinute() {
    return Time.minuteStart(now) - (MINUTES_KEPT - 1) * Time.MINUTE_MS;
  }

  /** The minute bucket of {@code t}, or null when that minute is older than the ones kept. */
  MinuteBucket minute(long t) {
    long m = Time.minuteStart(t);
    return m < firstKeptMinute() ? null : minuteAt(m);
  }

  /** Every bucket the engine changes is reached through here. */
  MinuteBucket minuteAt(long minuteStart) {
    if (minuteStart < state.earlierMinutesUntil) {
      state.earlierMinutes = null;
    }
    return state.minutes.getOrCreate(minuteStart);
  }

  EndpointBaselines loadBaselines() {
    byte[] bytes = slices.baselines(endpoint.endpointId());
    return bytes == null ? null : EndpointBaselines.fromBytes(bytes, settings.baselines(), endpoint.zone());
  }

  LifecycleSettings lifecycle(Rule rule) {
    return settings.lifecycles().of(rule.id(), endpoint.endpointId());
  }

  static long overlap(long aStart, long aEnd, long bStart, long bEnd) {
    return Math.max(0, Math.min(aEnd, bEnd) - Math.max(aStart, bStart));
  }
}
