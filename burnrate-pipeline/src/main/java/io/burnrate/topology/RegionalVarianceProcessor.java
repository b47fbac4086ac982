package io.burnrate.topology;

import io.burnrate.rules.EndpointHour;
import io.burnrate.rules.RegionalCostVariance;
import io.burnrate.rules.RegionalEpisode;
import io.burnrate.rules.RegionalEpisodes;
import io.burnrate.rules.RegionalHour;
import io.burnrate.schema.CostAlert;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Collects the closed hours of every endpoint of one instance type (the repartition topic is keyed
 * by it) and hands them to {@link RegionalCostVariance} once they have settled.
 *
 * <p>Settled means: every upstream partition has sent its closed hours up to that time. Each
 * upstream task stamps its closed hours with the event time its order has reached, which only grows,
 * and at each metering step tells every partition of the repartition topic how far it has come
 * ({@link UpstreamProgress}); the comparison settles up to the least of them ({@link UpstreamClock}),
 * so an upstream task that is behind, restoring after a crash or merely slower, is waited for (for
 * {@link #UPSTREAM_IDLE} at most when it sends nothing). An hour is then compared on the figures it
 * has, whatever order they came in. The hours, the endpoints' episodes and the upstream progress are
 * in stores with changelogs, so a restarted task goes on exactly where its last commit left it.
 */
final class RegionalVarianceProcessor implements Processor<String, Object, String, CostAlert> {
  private static final long UNKNOWN = Long.MIN_VALUE;
  /** How long an upstream partition that sends nothing may hold the comparison back: a restart's restore. */
  static final Duration UPSTREAM_IDLE = Duration.ofMinutes(2);
  /** The header naming the upstream partition of a closed hour. */
  static final String UPSTREAM_HEADER = "burnrate.upstream";
  private static final String SETTLED = "settled";
  private static final String NEWEST_UNTAGGED = "newest-untagged";
  private static final String UPSTREAM = "upstream:";

  private final RegionalCostVariance variance;
  private final PipelineMetrics metrics;
  private final String alertsSink;
  private ProcessorContext<String, CostAlert> context;
  private KeyValueStore<String, RegionalHour> hours;
  private RegionalEpisodes episodes;
  private KeyValueStore<String, Long> progress;
  private UpstreamClock upstreams;
  private long settledTime = UNKNOWN;

  RegionalVarianceProcessor(RegionalCostVariance variance, PipelineMetrics metrics, String alertsSink) {
    this.variance = variance;
    this.metrics = metrics;
    this.alertsSink = alertsSink;
  }

  @Override
  public void init(ProcessorContext<String, CostAlert> context) {
    this.context = context;
    this.hours = context.getStateStore(StoreNames.REGIONAL_HOURS);
    this.episodes = new StoredEpisodes(context.getStateStore(StoreNames.REGIONAL_EPISODES));
    this.progress = context.getStateStore(StoreNames.REGIONAL_PROGRESS);
    this.upstreams = null;
    context.schedule(Duration.ofSeconds(5), PunctuationType.WALL_CLOCK_TIME, this::settleUpTo);
  }

  /** Loaded on first use, once the stores have been restored. */
  private UpstreamClock upstreams() {
    if (upstreams == null) {
      upstreams = new UpstreamClock(UPSTREAM_IDLE.toMillis());
      Map<Integer, Long> complete = new HashMap<>();
      try (KeyValueIterator<String, Long> all = progress.all()) {
        while (all.hasNext()) {
          var entry = all.next();
          if (entry.key.startsWith(UPSTREAM)) {
            complete.put(Integer.parseInt(entry.key.substring(UPSTREAM.length())), entry.value);
          }
        }
      }
      Long newest = progress.get(NEWEST_UNTAGGED);
      upstreams.restore(complete, newest == null ? UNKNOWN : newest, context.currentSystemTimeMs());
      Long settled = progress.get(SETTLED);
      settledTime = settled == null ? UNKNOWN : settled;
    }
    return upstreams;
  }

  @Override
  public void process(Record<String, Object> record) {
    long now = context.currentSystemTimeMs();
    if (record.value() instanceof UpstreamProgress upstream) {
      upstreams().onProgress(upstream.partition(), upstream.time(), now);
      progress.put(UPSTREAM + upstream.partition(), upstream.time());
      settleUpTo(now);
      return;
    }
    if (!(record.value() instanceof EndpointHour figures)) {
      return;
    }
    int upstream = upstreamOf(record);
    upstreams().onFigures(upstream, record.timestamp(), now);
    if (upstream == UpstreamClock.UNTAGGED) {
      progress.put(NEWEST_UNTAGGED, upstreams.newestUntagged());
      upstreams.complete().forEach((u, time) -> {
        if (time != UpstreamClock.NONE) {
          progress.put(UPSTREAM + u, time);
        }
      });
    }
    String key = key(figures.instanceType(), figures.hourStart());
    RegionalHour hour = hours.get(key);
    if (hour == null && settledTime != UNKNOWN && settledTime >= variance.forgottenAt(figures.hourStart())) {
      metrics.ignored(topic(), "regional-hour-too-late");
    } else {
      if (hour == null) {
        hour = new RegionalHour(figures.instanceType(), figures.hourStart());
      }
      emit(variance.onFigures(hour, figures, record.timestamp(), episodes));
      hours.put(key, hour);
    }
    settleUpTo(now);
  }

  private static int upstreamOf(Record<String, Object> record) {
    Header header = record.headers().lastHeader(UPSTREAM_HEADER);
    return header == null ? UpstreamClock.UNTAGGED : ByteBuffer.wrap(header.value()).getInt();
  }

  /** Settles up to where every upstream partition has come, if that is further than before. */
  private void settleUpTo(long now) {
    long settled = upstreams().settled(now);
    if (settled != UpstreamClock.NONE && settled > settledTime) {
      settledTime = settled;
      progress.put(SETTLED, settledTime);
      settle();
    }
  }

  /**
   * Compares and forgets hours in the order of their start, then of their instance type, which moves
   * the episodes of their endpoints on; then moves on the episodes of endpoints the hours left out.
   */
  private void settle() {
    List<RegionalHour> all = new ArrayList<>();
    try (KeyValueIterator<String, RegionalHour> it = hours.all()) {
      while (it.hasNext()) {
        all.add(it.next().value);
      }
    }
    all.sort(Comparator.comparingLong((RegionalHour h) -> h.hourStart).thenComparing(h -> h.instanceType));
    for (RegionalHour hour : all) {
      boolean compared = hour.compared;
      boolean nextCompared = hour.nextCompared;
      boolean legacy = !hour.legacyAlerts.isEmpty();
      emit(variance.onSettled(hour, settledTime, episodes));
      String key = key(hour.instanceType, hour.hourStart);
      if (variance.forgotten(hour, settledTime)) {
        hours.delete(key);
      } else if (compared != hour.compared || nextCompared != hour.nextCompared || legacy) {
        hours.put(key, hour);
      }
    }
    emit(variance.settleEpisodes(episodes, settledTime));
  }

  private void emit(List<CostAlert> alerts) {
    for (CostAlert alert : alerts) {
      metrics.alert(alert.getRule().name(), alert.getSeverity().name(), alert.getStatus().name());
      context.forward(new Record<>(alert.getEndpointId(), alert, alert.getDetectedAt().toEpochMilli()), alertsSink);
    }
  }

  private String topic() {
    return context.recordMetadata().map(m -> m.topic()).orElse("");
  }

  private static String key(String instanceType, long hourStart) {
    return instanceType + '@' + hourStart;
  }

  /**
   * The episodes in their store, by instance type and endpoint: the length of the instance type
   * first, so that no pair of names can make the key of another.
   */
  static String episodeKey(String instanceType, String endpointId) {
    return instanceType.length() + ":" + instanceType + "/" + endpointId;
  }

  private record StoredEpisodes(KeyValueStore<String, RegionalEpisode> store) implements RegionalEpisodes {
    @Override
    public RegionalEpisode get(String instanceType, String endpointId) {
      return store.get(episodeKey(instanceType, endpointId));
    }

    @Override
    public void put(RegionalEpisode episode) {
      store.put(episodeKey(episode.instanceType, episode.endpointId), episode);
    }

    @Override
    public void delete(String instanceType, String endpointId) {
      store.delete(episodeKey(instanceType, endpointId));
    }

    @Override
    public List<RegionalEpisode> all() {
      List<RegionalEpisode> all = new ArrayList<>();
      try (KeyValueIterator<String, RegionalEpisode> it = store.all()) {
        while (it.hasNext()) {
          all.add(it.next().value);
        }
      }
      return all;
    }
  }
}
