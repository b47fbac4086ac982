package io.burnrate.http;

import io.burnrate.core.Money;
import io.burnrate.core.Time;
import io.burnrate.engine.EndpointSettingsResolver;
import io.burnrate.engine.EndpointSnapshot;
import io.burnrate.engine.EndpointState;
import io.burnrate.engine.HourlyMetrics;
import io.burnrate.engine.PipelineSettings;
import io.burnrate.meter.SliceStats;
import io.burnrate.rules.EndpointSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers about one endpoint from the stores of the instance that owns it: its hours as
 * {@code cost.metrics.hourly} carries them, and its budget day so far.
 */
final class EndpointViews {
  /** Hours returned when {@code from} is not given: the day up to the endpoint's stream time. */
  static final long DEFAULT_SPAN_MS = 24 * Time.HOUR_MS;
  /** The widest range one request may ask for (store retention is 8 days by default). */
  static final long MAX_SPAN_MS = 31 * Time.DAY_MS;

  /** The hours of an endpoint starting within [from, to), as the JSON objects of the metrics topic. */
  record Hourly(String endpointId, long from, long to, List<Map<String, Object>> hours) {}

  /** The endpoint's current budget day (by its stream time): spend against budget. */
  record Today(
      String endpointId,
      long asOf,
      String timezone,
      String date,
      long dayStart,
      long dayEnd,
      double dailySpendUsd,
      double dailyBudgetUsd,
      Double budgetUsedRatio,
      double remainingUsd,
      double meteredUsd,
      double billedUsd,
      String source,
      List<String> budgetAlertsFiring,
      boolean configured) {}

  private final PipelineSettings pipeline;
  private final EndpointSettingsResolver resolver;

  EndpointViews(PipelineSettings pipeline) {
    this.pipeline = pipeline;
    this.resolver = new EndpointSettingsResolver(pipeline);
  }

  /**
   * @param from first instant asked for, or null for {@value #DEFAULT_SPAN_MS} ms before {@code to}
   * @param to end (exclusive), or null for the end of the hour of the endpoint's stream time
   */
  Hourly hourly(String endpointId, Long from, Long to, StreamsAccess access) {
    EndpointSettings settings = resolver.resolve(endpointId, access.endpointConfig(endpointId));
    EndpointSnapshot state = snapshot(endpointId, settings, access);
    long end = to != null ? to : Time.hourStart(state.clock()) + Time.HOUR_MS;
    long start = from != null ? from : end - DEFAULT_SPAN_MS;
    if (start >= end) {
      throw HttpProblem.badParameter(from != null ? "from" : "to", "'from' (" + Time.iso(start)
          + ") must be before 'to' (" + Time.iso(end) + ")");
    }
    if (end - start > MAX_SPAN_MS) {
      throw HttpProblem.badParameter("from", "the range from " + Time.iso(start) + " to " + Time.iso(end)
          + " is longer than " + MAX_SPAN_MS / Time.DAY_MS + " days; ask for a shorter one");
    }
    TreeMap<Long, SliceStats> hours = new TreeMap<>();
    // From the start of the first hour's budget day, so each hour can say the day's spend through it.
    Map<Long, SliceStats> byStart = new java.util.HashMap<>();
    for (SliceStats slice : access.slices(endpointId, Time.dayStart(Time.hourStart(start), settings.zone()), end - 1)) {
      byStart.put(slice.sliceStart, slice);
    }
    for (SliceStats slice : access.slices(endpointId, Time.hourStart(start), end - 1)) {
      long hour = Time.hourStart(slice.sliceStart);
      hours.computeIfAbsent(hour, h -> new SliceStats(h, h + Time.HOUR_MS)).mergeFrom(slice);
    }
    List<Map<String, Object>> json = new ArrayList<>();
    hours.forEach((hour, view) -> json.add(HourlyMetrics.of(endpointId, view, settings,
        pipeline.concurrencyPerReplica(), byStart::get)));
    return new Hourly(endpointId, start, end, json);
  }

  Today today(String endpointId, StreamsAccess access) {
    EndpointSettings settings = resolver.resolve(endpointId, access.endpointConfig(endpointId));
    EndpointSnapshot state = snapshot(endpointId, settings, access);
    long asOf = state.clock();
    EndpointSnapshot.Day day = state.day();
    long spend = day.spendMicros();
    long budget = settings.dailyBudgetMicros();
    return new Today(
        endpointId,
        asOf,
        settings.zone().getId(),
        Time.localDate(asOf, settings.zone()).toString(),
        day.start(),
        Time.dayEnd(asOf, settings.zone()),
        Money.usd(spend),
        Money.usd(budget),
        budget > 0 ? (double) spend / budget : null,
        Money.usd(budget - spend),
        Money.usd(day.meteredMicros()),
        Money.usd(day.billedMicros()),
        day.source(),
        day.firedTiers(),
        settings.configured());
  }

  private static EndpointSnapshot snapshot(String endpointId, EndpointSettings settings, StreamsAccess access) {
    EndpointState state = access.endpointState(endpointId);
    if (state == null || !state.hasSeenEvents()) {
      throw HttpProblem.notFound("endpoint '" + endpointId + "' is unknown: no request, replica event or bill "
          + "of it has been processed (or its state has expired)");
    }
    return EndpointSnapshot.of(state, settings.zone());
  }
}
