package io.burnrate.topology;

import io.burnrate.testing.Records;
import static io.burnrate.testing.Records.T0;
import static io.burnrate.testing.Records.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.burnrate.meter.PriceTable;
import io.burnrate.rules.EndpointHour;
import io.burnrate.rules.RegionalCostVariance;
import io.burnrate.rules.RegionalEpisode;
import io.burnrate.rules.RegionalHour;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * RegionalVarianceProcessor across a restart: a new processor on the same stores (as after a
 * rebalance or a crash, the stores restored from their changelogs) goes on with the open episode
 * instead of raising it again.
 */
class RegionalVarianceRestartTest {
  private static final long HOUR = 3_600_000L;
  private static final String SINK = "regional-alerts-sink";
  private static final RegionalCostVariance RULE = new RegionalCostVariance(
      new PriceTable(Map.of(), Map.of("us-east-1", 1.0, "eu-west-1", 1.25)), 11 * 60_000L, 48 * HOUR,
      RegionalCostVariance.DEFAULT_HYSTERESIS, RegionalCostVariance.DEFAULT_CLEAR_HOURS);

  private final MockProcessorContext<String, CostAlert> context = new MockProcessorContext<>();
  private final KeyValueStore<String, RegionalEpisode> episodes;

  RegionalVarianceRestartTest() {
    KeyValueStore<String, RegionalHour> hours = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(StoreNames.REGIONAL_HOURS), Serdes.String(), RegionalCodec.regionalHours())
        .withLoggingDisabled().build();
    episodes = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(StoreNames.REGIONAL_EPISODES), Serdes.String(), RegionalCodec.regionalEpisodes())
        .withLoggingDisabled().build();
    KeyValueStore<String, Long> progress = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(StoreNames.REGIONAL_PROGRESS), Serdes.String(), Serdes.Long())
        .withLoggingDisabled().build();
    hours.init(context.getStateStoreContext(), hours);
    episodes.init(context.getStateStoreContext(), episodes);
    progress.init(context.getStateStoreContext(), progress);
    context.addStateStore(hours);
    context.addStateStore(episodes);
    context.addStateStore(progress);
    context.setCurrentSystemTimeMs(0);
  }

  private RegionalVarianceProcessor start() {
    RegionalVarianceProcessor processor =
        new RegionalVarianceProcessor(RULE, new PipelineMetrics(new SimpleMeterRegistry()), SINK);
    processor.init(context);
    return processor;
  }

  private static EndpointHour ran(String endpoint, String region, int hour, double usdPerHour) {
    return new EndpointHour(endpoint, T0.toEpochMilli() + hour * HOUR, "nvidia-l4", region, null,
        Math.round(usdPerHour * 1_000_000), HOUR, 0.30);
  }

  private static void send(RegionalVarianceProcessor processor, Instant stamp, EndpointHour... figures) {
    for (EndpointHour f : figures) {
      processor.process(new Record<>(f.instanceType(), f, stamp.toEpochMilli()));
    }
  }

  private List<CostAlert> forwarded() {
    List<CostAlert> alerts = context.forwarded().stream()
        .peek(f -> assertThat(f.childName()).hasValue(SINK))
        .<CostAlert>map(f -> f.record().value()).toList();
    context.resetForwards();
    return alerts;
  }

  @Test
  void anEpisodeOpenAtARestartGoesOnAndResolvesOnceWithItsId() {
    RegionalVarianceProcessor before = start();
    send(before, at("01:12"), ran("us", "us-east-1", 0, 1.00), ran("eu", "eu-west-1", 0, 2.00));
    send(before, at("02:12"), ran("us", "us-east-1", 1, 1.00), ran("eu", "eu-west-1", 1, 2.00));
    assertThat(forwarded()).extracting(CostAlert::getEndpointId, CostAlert::getStatus)
        .containsExactly(tuple("eu", AlertStatus.FIRING));
    RegionalEpisode stored = episodes.get(RegionalVarianceProcessor.episodeKey("nvidia-l4", "eu"));
    assertThat(stored.open()).isTrue();
    assertThat(stored.startHour).isEqualTo(T0.toEpochMilli());

    RegionalVarianceProcessor after = start();
    send(after, at("03:12"), ran("us", "us-east-1", 2, 1.00), ran("eu", "eu-west-1", 2, 1.25));
    assertThat(forwarded()).as("hour 1 compared after the restart, the episode goes on").isEmpty();
    send(after, at("04:12"), ran("us", "us-east-1", 3, 1.00));

    assertThat(forwarded()).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(a.getAlertId()).isEqualTo(RegionalCostVariance.alertId("eu", T0.toEpochMilli()));
      assertThat(a.getWindowStart()).isEqualTo(T0);
      assertThat(a.getWindowEnd()).isEqualTo(at("02:00"));
      assertThat(a.getDetectedAt()).isEqualTo(at("03:11"));
      assertThat(a.getMessage()).isEqualTo("eu: the regional difference of 00:00-02:00 UTC is over"
          + " (2 hours above the line)");
    });
    assertThat(episodes.get(RegionalVarianceProcessor.episodeKey("nvidia-l4", "eu")).open()).isFalse();
  }

  @Test
  void episodeKeysOfDifferentNamesNeverMeet() {
    assertThat(RegionalVarianceProcessor.episodeKey("a/b", "c"))
        .isNotEqualTo(RegionalVarianceProcessor.episodeKey("a", "b/c"));
  }
}
