package io.burnrate.engine;

import io.burnrate.core.Time;
import io.burnrate.meter.Category;
import io.burnrate.meter.SliceStats;
import io.burnrate.rules.EndpointSettings;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.ScalingCommand;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One endpoint driven through the engine as the topology would drive it: fresh state, an in-memory
 * slice store, and every alert and command collected in order.
 */
public final class EngineRun {
  public final EndpointEngine engine;
  public final EndpointState state;
  public final Fixtures.MapSlices slices = new Fixtures.MapSlices();
  public final List<CostAlert> alerts = new ArrayList<>();
  public final List<ScalingCommand> commands = new ArrayList<>();
  private EndpointSettings endpoint;
  private boolean replaying;

  public EngineRun(EndpointSettings endpoint) {
    this(PipelineSettings.defaults(), endpoint);
  }

  public EngineRun(PipelineSettings settings, EndpointSettings endpoint) {
    this(settings, endpoint, new EndpointState());
  }

  private EngineRun(PipelineSettings settings, EndpointSettings endpoint, EndpointState state) {
    this.engine = new EndpointEngine(settings);
    this.endpoint = endpoint;
    this.state = state;
  }

  /**
   * A new engine resuming from this run's state as the stores would hold it (encoded and decoded), as
   * after a restart. Alerts and commands collected so far stay with this run.
   */
  public EngineRun restarted() {
    EngineRun next = new EngineRun(engine.settings(), endpoint, StateCodec.decodeEndpoint(StateCodec.encode(state)));
    for (SliceStats slice : slices.all(endpoint.endpointId()).values()) {
      next.slices.put(endpoint.endpointId(), StateCodec.decodeSlice(StateCodec.encode(slice)));
    }
    byte[] baselines = slices.baselines(endpoint.endpointId());
    if (baselines != null) {
      next.slices.putBaselines(endpoint.endpointId(), baselines.clone());
    }
    next.replaying = replaying;
    return next;
  }

  public EngineRun replaying() {
    replaying = true;
    return this;
  }

  public EndpointSettings endpoint() {
    return endpoint;
  }

  public Outcome replica(Fixtures.ReplicaBuilder event) {
    return collect(engine.onReplica(state, endpoint, event.build(), slices, replaying));
  }

  public Outcome request(Fixtures.RequestBuilder request) {
    return collect(engine.onRequest(state, endpoint, request.build(), slices, replaying));
  }

  /** {@code count} plain requests, {@code spacingMs} apart from {@code from}. */
  public Outcome requests(long from, int count, long spacingMs) {
    Outcome all = new Outcome();
    for (int i = 0; i < count; i++) {
      merge(all, request(Fixtures.request(from + i * spacingMs)));
    }
    return all;
  }

  public Outcome bill(Fixtures.LineItemBuilder item) {
    return collect(engine.onLineItem(state, endpoint, item.build(), null, slices, replaying));
  }

  public Outcome correct(Fixtures.LineItemBuilder previous, Fixtures.LineItemBuilder corrected) {
    return collect(engine.onLineItem(state, endpoint, corrected.build(), previous.build(), slices, replaying));
  }

  public Outcome tick(long streamTime) {
    return collect(engine.onTick(state, endpoint, streamTime, slices, replaying));
  }

  /** Ticks at every {@code stepMs} after {@code from}, up to and including {@code to}. */
  public Outcome ticks(long from, long to, long stepMs) {
    Outcome all = new Outcome();
    for (long t = from + stepMs; t <= to; t += stepMs) {
      merge(all, tick(t));
    }
    return all;
  }

  public Outcome ticksEveryMinute(long from, long to) {
    return ticks(from, to, Time.MINUTE_MS);
  }

  public Outcome settingsChanged(EndpointSettings changed) {
    endpoint = changed;
    return collect(engine.onSettingsChanged(state, endpoint, slices, replaying));
  }

  /** The merged figures of one UTC hour (one slice, or two where a local midnight cuts it). */
  public SliceStats hour(long hourStart) {
    SliceStats view = new SliceStats(hourStart, hourStart + Time.HOUR_MS);
    slices.all(endpoint.endpointId()).subMap(hourStart, hourStart + Time.HOUR_MS).values().forEach(view::mergeFrom);
    return view;
  }

  public long meteredCompute(long hourStart) {
    return hour(hourStart).metered[Category.COMPUTE];
  }

  public long meteredTransfer(long hourStart) {
    return hour(hourStart).metered[Category.COLD_START_TRANSFER];
  }

  public long billed(long hourStart) {
    return hour(hourStart).billedMicros();
  }

  public long visible(long hourStart) {
    return hour(hourStart).visibleMicros();
  }

  /** The budget day's spend as the rules see it, 0 when the day has no state. */
  public long daySpend(String localDate) {
    long start = Time.dayStart(LocalDate.parse(localDate), endpoint.zone());
    DayState day = state.days.get(start);
    return day == null ? 0 : day.visibleMicros;
  }

  public List<CostAlert> alerts(AlertRule rule) {
    return alerts.stream().filter(a -> a.getRule() == rule).toList();
  }

  public static List<CostAlert> alerts(Outcome outcome, AlertRule rule) {
    return outcome.alerts.stream().filter(a -> a.getRule() == rule).toList();
  }

  private Outcome collect(Outcome outcome) {
    alerts.addAll(outcome.alerts);
    commands.addAll(outcome.commands);
    return outcome;
  }

  private static void merge(Outcome into, Outcome from) {
    into.alerts.addAll(from.alerts);
    into.commands.addAll(from.commands);
    into.changedHours.addAll(from.changedHours);
    into.closedHours.addAll(from.closedHours);
  }
}
