package io.burnrate.topology;

import io.burnrate.rules.EndpointHour;
import io.burnrate.rules.RegionalCostVariance;
import io.burnrate.rules.RegionalEpisode;
import io.burnrate.rules.RegionalEpisodes;
import io.burnrate.rules.RegionalHour;
import io.burnrate.schema.CostAlert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Collects the closed hours of every endpoint of one instance type (the repartition topic is keyed
 * by it) and hands them to {@link RegionalCostVariance} once they have settled.
 *
 * <p>Settled means: a record newer than every record up to that time has arrived. Each upstream
 * task stamps its closed hours with its own stream time, which only grows, and closes all of an
 * hour's endpoints in one step; so once a later stamp shows up, the step before it has arrived
 * whole, even when that step closed several hours at once after a gap. The settle delay on top of
 * it gives slower upstream partitions time to catch up. An hour is then compared on the figures it
 * has, whatever order they came in. The newest stamp is kept in memory only: after a restart the
 * first comparison waits for one more step, it never comes early. The hours and the endpoints'
 * episodes are in stores with changelogs, so an episode open at a restart is resolved after it.
 */
final class RegionalVarianceProcessor implements Processor<String, EndpointHour, String, CostAlert> {
  private static final long UNKNOWN = Long.MIN_VALUE;

  private final RegionalCostVariance variance;
  private final PipelineMetrics metrics;
  private final String alertsSink;
  private ProcessorContext<String, CostAlert> context;
  private KeyValueStore<String, RegionalHour> hours;
  private RegionalEpisodes episodes;
  private long newestStamp = UNKNOWN;
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
    newestStamp = UNKNOWN;
    settledTime = UNKNOWN;
  }

  @Override
  public void process(Record<String, EndpointHour> record) {
    EndpointHour figures = record.value();
    if (figures == null) {
      return;
    }
    boolean advanced = record.timestamp() > newestStamp;
    if (advanced) {
      settledTime = newestStamp;
      newestStamp = record.timestamp();
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
    if (advanced && settledTime != UNKNOWN) {
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
