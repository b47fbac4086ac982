package io.burnrate.topology;

import io.burnrate.core.Time;
import io.burnrate.kafkainternals.RepartitioningTopology;
import io.burnrate.rules.LifecycleSettings;
import io.burnrate.rules.RegionalCostVariance;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.CostAlert;
import io.burnrate.serde.AvroWireSerializer;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.processor.FailOnInvalidTimestamp;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.Stores;

/**
 * The one cross-endpoint rule, REGIONAL_COST_VARIANCE, as its own sub-topology:
 *
 * <pre>
 * endpoint-costs --> regional-hours-sink --> [application.id]-regional-hours-repartition
 *   --> regional-hours-source --> regional-variance --> regional-alerts-sink --> cost.alerts
 * </pre>
 *
 * Closed hours are keyed by instance type, so all endpoints of one type meet in one task whatever
 * partition they came from; that task owns their hours ({@code regional-hours}) and their episodes
 * ({@code regional-episodes}, keyed by instance type and endpoint), and how far each upstream partition
 * has come ({@code regional-progress}: every upstream partition's progress goes to every partition of
 * the topic). The alerts go through a sink of
 * their own: a sink shared with the per-endpoint processor would join both sub-topologies into one.
 */
final class RegionalVarianceTopology {
  /** The node the per-endpoint processor forwards closed hours to. */
  static final String HOURS_SINK = "regional-hours-sink";
  static final String HOURS_SOURCE = "regional-hours-source";
  static final String REGIONAL_VARIANCE = "regional-variance";
  static final String ALERTS_SINK = "regional-alerts-sink";
  /** Without the application id, which Kafka Streams puts in front. */
  static final String REPARTITION_TOPIC = "regional-hours-repartition";

  private RegionalVarianceTopology() {}

  static void addTo(RepartitioningTopology topology, TopologySettings settings, String endpointCosts) {
    Duration settle = settings.regionalSettle();
    Duration shortest = minimumSettle(settings);
    if (settle.compareTo(shortest) < 0) {
      throw new IllegalArgumentException("regional settle delay " + settle + " is shorter than the event grace"
          + " plus one metering step (" + shortest + "): hours would be compared before every endpoint has"
          + " closed them; use at least " + shortest.toMillis() + " ms");
    }
    // The comparison spans endpoints: the global settings of the rule apply (none per endpoint). A
    // clear time counts from the end of the first clear hour, so 0 ms is that one hour.
    LifecycleSettings lifecycle = settings.pipeline().lifecycles().of(AlertRule.REGIONAL_COST_VARIANCE, "");
    double hysteresis = lifecycle.hysteresis();
    int clearHours = 1 + (int) Math.min(Integer.MAX_VALUE - 1, lifecycle.clearMs() / Time.HOUR_MS);
    RegionalCostVariance variance = new RegionalCostVariance(settings.pipeline().priceTable(), settle.toMillis(),
        settings.pipeline().billingGraceMs(), hysteresis, clearHours);
    topology.addRepartitionTopic(REPARTITION_TOPIC);
    topology.addSink(HOURS_SINK, REPARTITION_TOPIC, new StringSerializer(), RegionalCodec.repartitionValues().serializer(),
        new ProgressToEveryPartition(), endpointCosts);
    topology.addSource(AutoOffsetReset.earliest(), HOURS_SOURCE, new FailOnInvalidTimestamp(), new StringDeserializer(),
        RegionalCodec.repartitionValues().deserializer(), REPARTITION_TOPIC);
    topology.addProcessor(REGIONAL_VARIANCE,
        () -> new RegionalVarianceProcessor(variance, settings.metrics(), ALERTS_SINK), HOURS_SOURCE);
    topology.addStateStore(Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(StoreNames.REGIONAL_HOURS), Serdes.String(), RegionalCodec.regionalHours())
        .withCachingEnabled(), REGIONAL_VARIANCE);
    topology.addStateStore(Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(StoreNames.REGIONAL_EPISODES), Serdes.String(),
            RegionalCodec.regionalEpisodes())
        .withCachingEnabled(), REGIONAL_VARIANCE);
    topology.addStateStore(Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(StoreNames.REGIONAL_PROGRESS), Serdes.String(), Serdes.Long())
        .withCachingEnabled(), REGIONAL_VARIANCE);
    topology.addSink(ALERTS_SINK, settings.topics().alerts(), new StringSerializer(),
        new AvroWireSerializer<>(settings.registry(), CostAlert.class, settings.autoRegisterSchemas()),
        REGIONAL_VARIANCE);
  }

  /** An upstream partition's progress goes to every partition; closed hours by their key, as by default. */
  private static final class ProgressToEveryPartition implements StreamPartitioner<String, Object> {
    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, Object value, int numPartitions) {
      if (value instanceof UpstreamProgress) {
        return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
      }
      return Optional.empty();
    }
  }

  /** Closed hours are stamped up to one metering step after the grace: less would compare too early. */
  static Duration minimumSettle(TopologySettings settings) {
    return Duration.ofMillis(settings.pipeline().eventGraceMs() + settings.pipeline().meterStepMs());
  }
}
