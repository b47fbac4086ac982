package io.burnrate.topology;

import io.burnrate.engine.BillingDrift;
import io.burnrate.engine.ClosedHours;
import io.burnrate.engine.EndpointEngine;
import io.burnrate.engine.EndpointSettingsResolver;
import io.burnrate.engine.EndpointState;
import io.burnrate.engine.Events;
import io.burnrate.engine.HourlyMetrics;
import io.burnrate.engine.Outcome;
import io.burnrate.engine.SliceAccess;
import io.burnrate.engine.TickSchedule;
import io.burnrate.meter.SliceStats;
import io.burnrate.rules.EndpointHour;
import io.burnrate.rules.EndpointSettings;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ScalingCommand;
import io.burnrate.topology.EventOrder.Held;
import io.burnrate.topology.EventOrder.Input;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one stateful processor per endpoint: hands each record to the engine with the endpoint's state,
 * settings and slices, stores the result and forwards alerts, commands and metrics. Requests, replica
 * events and bills reach the engine in the task's event-time order ({@link EventOrder}); settings
 * apply as they come. Each metering step boundary a record passes moves every endpoint forward first,
 * quiet ones too; wall-clock punctuation only paces metric updates and lets records go on once an
 * input has gone silent.
 */
final class EndpointCostProcessor implements Processor<String, Object, String, Object> {
  /** Resolved settings kept per task: a bound, so that heap does not grow with the fleet. */
  private static final int SETTINGS_CACHE_SIZE = 2_000;
  private static final byte[] SEEN = {1};
  private static final String LAST_TICK = "last-tick";
  private static final Logger LOG = LoggerFactory.getLogger(EndpointCostProcessor.class);

  private final EndpointEngine engine;
  private final EndpointSettingsResolver resolver;
  private final PipelineMetrics metrics;
  private final BillingDriftGauges driftGauges;
  private final Clock clock;
  private final Duration metricsInterval;
  private final long lineItemRetentionMs;
  private final TopologySettings.Sinks sinks;
  private final EventInputs inputs;
  private final Map<String, EndpointSettings> settingsCache =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, EndpointSettings> eldest) {
          return size() > SETTINGS_CACHE_SIZE;
        }
      };

  private ProcessorContext<String, Object> context;
  private WriteBehindKeyValueStore<EndpointState> stateStore;
  /** Decoded endpoint states, written back before each commit. */
  private WriteBehindCache<String, EndpointState> states;
  private KeyValueStore<String, EndpointConfig> configs;
  /** Decoded slices, written back before each commit. */
  private WriteBehindCache<WriteBehindWindowStore.Key, SliceStats> sliceCache;
  private LineItemVersions lineItems;
  private KeyValueStore<String, Long> pendingMetrics;
  /** Keys this instance knows are in {@link #pendingMetrics}: a record changing a pending hour writes nothing. */
  private final Set<String> knownPending = new HashSet<>();
  private WindowStore<String, byte[]> seenEventIds;
  private KeyValueStore<String, Long> taskClock;
  private Long lastTick;
  /** When each endpoint next needs a tick; null until the first tick builds it from the stores. */
  private TickSchedule ticks;
  private KeyValueStore<String, byte[]> baselineStore;
  private KeyValueStore<String, CostAlert> activeAlerts;
  private SliceAccess slices;
  private EventOrderStore order;
  private EventOrder.Unprocessed unprocessed;
  private int partition;

  EndpointCostProcessor(
      EndpointEngine engine, PipelineMetrics metrics, BillingDriftGauges driftGauges, Clock clock,
      Duration metricsInterval, Duration lineItemRetention, TopologySettings.Sinks sinks, EventInputs inputs) {
    this.lineItemRetentionMs = lineItemRetention.toMillis();
    this.engine = engine;
    this.resolver = new EndpointSettingsResolver(engine.settings());
    this.metrics = metrics;
    this.driftGauges = driftGauges;
    this.clock = clock;
    this.metricsInterval = metricsInterval;
    this.sinks = sinks;
    this.inputs = inputs;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.stateStore = context.getStateStore(StoreNames.ENDPOINT_STATE);
    this.states = stateStore.cache();
    this.configs = context.getStateStore(StoreNames.ENDPOINT_CONFIG);
    WriteBehindWindowStore<SliceStats> sliceStore = context.getStateStore(StoreNames.ENDPOINT_SLICES);
    this.sliceCache = sliceStore.cache();
    this.lineItems = new LineItemVersions(context.getStateStore(StoreNames.LINE_ITEMS), lineItemRetentionMs);
    this.pendingMetrics = context.getStateStore(StoreNames.METRICS_PENDING);
    knownPending.clear();
    this.seenEventIds = context.getStateStore(StoreNames.SEEN_EVENT_IDS);
    this.baselineStore = context.getStateStore(StoreNames.ENDPOINT_BASELINES);
    this.activeAlerts = context.getStateStore(StoreNames.ACTIVE_ALERTS);
    this.slices = new SliceAccess() {
      @Override
      public SliceStats get(String endpointId, long sliceStart) {
        return sliceCache.get(new WriteBehindWindowStore.Key(endpointId, sliceStart));
      }

      @Override
      public void put(String endpointId, SliceStats stats) {
        sliceCache.put(new WriteBehindWindowStore.Key(endpointId, stats.sliceStart), stats);
      }

      @Override
      public byte[] baselines(String endpointId) {
        return baselineStore.get(endpointId);
      }

      @Override
      public void putBaselines(String endpointId, byte[] baselines) {
        baselineStore.put(endpointId, baselines);
      }
    };
    settingsCache.clear();
    this.taskClock = context.getStateStore(StoreNames.TASK_CLOCK);
    this.lastTick = taskClock.get(LAST_TICK);
    // Derived from the stores, which a revived task reads back as of its last commit.
    ticks = null;
    this.order = context.getStateStore(StoreNames.EVENT_ORDER);
    this.partition = context.taskId().partition();
    BrokerBacklog backlog = context.appConfigs().get(BrokerBacklog.CONFIG) instanceof BrokerBacklog given
        ? given : new BrokerBacklog(List.of());
    inputs.startReading(partition);
    this.unprocessed = inputs.unprocessed(partition, backlog);
    context.schedule(metricsInterval, PunctuationType.WALL_CLOCK_TIME, now -> emitPendingMetrics());
    if (!inputs.idle().isZero()) {
      context.schedule(inputs.releaseInterval(), PunctuationType.WALL_CLOCK_TIME,
          now -> processInOrder(order.order(now).release(now, unprocessed), null));
    }
  }

  @Override
  public void process(Record<String, Object> record) {
    Object value = record.value();
    if (value instanceof EndpointConfig || value instanceof ConfigRemoved) {
      beginChange();
      try {
        applySettings(record.key(), value instanceof EndpointConfig config ? config : null);
      } catch (RuntimeException e) {
        discardChange();
        throw e;
      }
      return;
    }
    long offset = context.recordMetadata().map(m -> m.offset()).orElse(-1L);
    Held held = new Held(record.timestamp(), inputOf(value), offset, record.key(), value);
    long now = context.currentSystemTimeMs();
    processInOrder(order.order(now).offer(held, now, unprocessed), held);
  }

  /**
   * Hands released records to the engine in their order. Kafka's own failures (a send that failed, a
   * fenced producer) go up at once: the task starts over from its last commit, waiting records
   * included. A failure of the engine on the record being processed is thrown after the others (it
   * goes to the dead-letter topic); on a record released from waiting it is logged and counted, as the
   * record's bytes are no longer at hand.
   */
  private void processInOrder(List<Held> released, Held current) {
    RuntimeException failure = null;
    for (Held record : released) {
      beginChange();
      try {
        processRecord(record);
      } catch (RuntimeException e) {
        // A change cut short may have left cached values half changed: its endpoint goes on from its
        // last written-back state.
        discardChange();
        if (e instanceof KafkaException) {
          throw e;
        }
        if (record == current) {
          failure = e;
        } else {
          metrics.ignored(inputs.topic(record.input()), "processing-error");
          LOG.error("Processing {} record at offset {} of endpoint {} failed; it is skipped", record.input(),
              record.offset(), record.endpointId(), e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void discardChange() {
    states.discardTouched();
    sliceCache.discardTouched();
  }

  private static Input inputOf(Object value) {
    if (value instanceof InferenceRequest) {
      return Input.REQUESTS;
    }
    if (value instanceof ReplicaEvent) {
      return Input.REPLICAS;
    }
    if (value instanceof BillingEvent) {
      return Input.BILLING;
    }
    throw new IllegalStateException("unexpected record type " + value.getClass().getName());
  }

  /** Starts one endpoint's change: what a failure takes back (see WriteBehindCache). */
  private void beginChange() {
    states.beginChange();
    sliceCache.beginChange();
  }

  private void processRecord(Held record) {
    String endpointId = record.endpointId();
    Object value = record.value();
    String topic = inputs.topic(record.input());
    advanceTicksTo(record.time());
    beginChange();
    EndpointSettings settings = settingsFor(endpointId);
    EndpointState state = stateOf(endpointId);
    boolean replaying = replaying(record.time());
    Outcome outcome;
    if (value instanceof InferenceRequest request) {
      if (seenBefore("request:" + request.getRequestId(), record.time(), topic)) {
        return;
      }
      outcome = engine.onRequest(state, settings, Events.of(request), slices, replaying);
    } else if (value instanceof ReplicaEvent event) {
      if (seenBefore("replica:" + event.getEventId(), record.time(), topic)) {
        return;
      }
      outcome = engine.onReplica(state, settings, Events.of(event), slices, replaying);
    } else if (value instanceof BillingEvent bill) {
      Events.LineItem item = Events.of(bill);
      Events.LineItem previous = lineItems.latest(item, context.currentStreamTimeMs());
      if (item.equals(previous)) {
        metrics.duplicate(topic);
        return;
      }
      if (previous != null) {
        metrics.correction(topic);
      }
      lineItems.replace(previous, item);
      outcome = engine.onLineItem(state, settings, item, previous, slices, replaying);
    } else {
      throw new IllegalStateException("unexpected record type " + value.getClass().getName()
          + " for endpoint " + endpointId);
    }
    states.put(endpointId, state);
    schedule(endpointId, state);
    emit(endpointId, outcome);
  }

  /** Remembers an event id at its event time; true (and counted) when it was seen before. */
  private boolean seenBefore(String eventId, long eventTime, String topic) {
    if (seenEventIds.fetch(eventId, eventTime) != null) {
      metrics.duplicate(topic);
      return true;
    }
    seenEventIds.put(eventId, SEEN, eventTime);
    return false;
  }

  private void applySettings(String endpointId, EndpointConfig config) {
    if (config == null) {
      configs.delete(endpointId);
    } else {
      configs.put(endpointId, config);
    }
    settingsCache.remove(endpointId);
    EndpointState state = states.get(endpointId);
    if (state != null) {
      Outcome outcome = engine.onSettingsChanged(state, settingsFor(endpointId), slices, replaying(state.clock));
      states.put(endpointId, state);
      schedule(endpointId, state);
      emit(endpointId, outcome);
    }
  }

  /**
   * Moves every endpoint of the task through each metering step boundary that this record's time
   * passes, before the record itself. Driven by the records, in their order, rather than by a
   * punctuator (whose timing depends on how records are batched), so that a quiet endpoint is metered
   * at the same instants live and in a replay.
   */
  private void advanceTicksTo(long eventTime) {
    long boundary = schedule().boundaryOf(eventTime);
    if (lastTick != null && boundary <= lastTick) {
      return;
    }
    // Every closed hour sent so far is stamped before this boundary; the ticks may close more.
    context.forward(new Record<>(null, new UpstreamProgress(partition, boundary - 1), boundary - 1),
        RegionalVarianceTopology.HOURS_SINK);
    if (lastTick != null) {
      for (long b = ticks.next(lastTick); b <= boundary; b = ticks.next(b)) {
        tick(b);
      }
    }
    lastTick = boundary;
    taskClock.put(LAST_TICK, boundary);
  }

  /** Ticks, at a step boundary, the endpoints whose next needed tick has come, in endpoint order. */
  private void tick(long streamTime) {
    boolean replaying = replaying(streamTime);
    for (String endpointId : ticks.dueAt(streamTime)) {
      beginChange();
      EndpointState state = states.get(endpointId);
      Outcome outcome = engine.onTick(state, settingsFor(endpointId), streamTime, slices, replaying);
      states.put(endpointId, state);
      schedule(endpointId, state);
      emit(endpointId, outcome);
    }
  }

  /** The schedule is derived from the states: built from the store once per processor instance. */
  private TickSchedule schedule() {
    if (ticks == null) {
      ticks = new TickSchedule(engine.settings().meterStepMs());
      states.writeBack(); // the store's iterator sees what was written back
      try (KeyValueIterator<String, EndpointState> all = stateStore.all()) {
        while (all.hasNext()) {
          var entry = all.next();
          ticks.schedule(entry.key, engine.nextTickNeeded(entry.value));
        }
      }
    }
    return ticks;
  }

  private void schedule(String endpointId, EndpointState state) {
    if (ticks != null) {
      ticks.schedule(endpointId, engine.nextTickNeeded(state));
    }
  }

  private void emit(String endpointId, Outcome outcome) {
    for (CostAlert alert : outcome.alerts) {
      metrics.alert(alert.getRule().name(), alert.getSeverity().name(), alert.getStatus().name());
      if (alert.getStatus() == AlertStatus.FIRING) {
        activeAlerts.put(alert.getAlertId(), alert);
      } else {
        activeAlerts.delete(alert.getAlertId());
      }
      context.forward(new Record<>(endpointId, alert, alert.getDetectedAt().toEpochMilli()), sinks.alerts());
    }
    for (ScalingCommand command : outcome.commands) {
      metrics.command(command.getAction().name(), command.getDryRun());
      context.forward(new Record<>(endpointId, command, command.getIssuedAt().toEpochMilli()), sinks.commands());
    }
    for (Long hour : outcome.changedHours) {
      markPending(endpointId, hour);
    }
    for (Long hour : outcome.closedHours) {
      markPending(endpointId, hour);
    }
    forwardClosedHours(endpointId, outcome);
  }

  /**
   * Hours that closed, or closed again after a late bill, go to the regional comparison, keyed by
   * instance type and stamped with the event time this task has released up to (which only grows, and
   * is the same in every run of the same input).
   */
  private void forwardClosedHours(String endpointId, Outcome outcome) {
    if (outcome.closedHours.isEmpty()) {
      return;
    }
    EndpointSettings settings = settingsFor(endpointId);
    EndpointState state = states.get(endpointId);
    long stamp = order.order(context.currentSystemTimeMs()).position();
    for (long hour : outcome.closedHours) {
      EndpointHour figures = ClosedHours.figures(settings, state, hour, slices);
      if (figures != null) {
        Headers upstream = new RecordHeaders().add(RegionalVarianceProcessor.UPSTREAM_HEADER,
            ByteBuffer.allocate(4).putInt(partition).array());
        context.forward(new Record<>(figures.instanceType(), figures, stamp, upstream),
            RegionalVarianceTopology.HOURS_SINK);
      }
    }
  }

  private void emitPendingMetrics() {
    List<KeyValue<String, Long>> pending = new ArrayList<>();
    try (KeyValueIterator<String, Long> all = pendingMetrics.all()) {
      while (all.hasNext()) {
        pending.add(all.next());
      }
    }
    for (KeyValue<String, Long> entry : pending) {
      String endpointId = entry.key.substring(0, entry.key.lastIndexOf('|'));
      long hour = entry.value;
      beginChange();
      forwardMetrics(endpointId, hour);
      pendingMetrics.delete(entry.key);
      knownPending.remove(entry.key);
    }
  }

  private void forwardMetrics(String endpointId, long hour) {
    EndpointSettings settings = settingsFor(endpointId);
    SliceStats view = slices.hour(endpointId, settings.zone(), hour);
    EndpointState state = states.get(endpointId);
    if (state != null) {
      BillingDrift.ratio(state.trailingHours).ifPresent(ratio -> driftGauges.set(endpointId, ratio));
    }
    Map<String, Object> json = HourlyMetrics.of(endpointId, view, settings,
        engine.settings().concurrencyPerReplica(), sliceStart -> slices.get(endpointId, sliceStart));
    context.forward(new Record<>(endpointId, json, hour), sinks.metrics());
  }

  private void markPending(String endpointId, long hour) {
    String key = pendingKey(endpointId, hour);
    if (!knownPending.contains(key)) {
      pendingMetrics.put(key, hour);
      knownPending.add(key);
    }
  }

  private static String pendingKey(String endpointId, long hour) {
    return endpointId + '|' + hour;
  }

  private EndpointSettings settingsFor(String endpointId) {
    EndpointSettings settings = settingsCache.get(endpointId);
    if (settings == null) {
      settings = resolver.resolve(endpointId, configs.get(endpointId));
      settingsCache.put(endpointId, settings);
    }
    return settings;
  }

  private EndpointState stateOf(String endpointId) {
    EndpointState state = states.get(endpointId);
    return state == null ? new EndpointState() : state;
  }

  /** Commands produced while replaying history are always dry runs. */
  private boolean replaying(long eventTime) {
    long lag = engine.settings().replayLagMs();
    return lag > 0 && clock.millis() - eventTime > lag;
  }
}
