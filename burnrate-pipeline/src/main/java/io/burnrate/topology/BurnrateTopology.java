package io.burnrate.topology;

import io.burnrate.config.TopicNames;
import io.burnrate.engine.EndpointEngine;
import io.burnrate.ingest.Validation;
import io.burnrate.kafkainternals.RepartitioningTopology;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ScalingCommand;
import io.burnrate.serde.AvroWireDeserializer;
import io.burnrate.serde.AvroWireSerializer;
import io.burnrate.serde.JsonSerde;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.state.Stores;

/**
 * The whole flow of the README's Design section, as named nodes and stores:
 *
 * <pre>
 * inference.requests --> ingest-requests --+
 * inference.replicas --> ingest-replicas --+--> endpoint-costs --> cost.alerts
 * billing.events     --> ingest-billing  --+        |   |      --> scaling.commands
 * endpoint.config    --> ingest-config   --+        |   +------> cost.metrics.hourly
 *            (bad records from every ingest step) --+----------> burnrate.dlq
 *
 * endpoint-costs (closed hours, by instance type) --> regional-variance --> cost.alerts
 * </pre>
 *
 * The last line is {@link RegionalVarianceTopology}, behind a named repartition topic.
 */
public final class BurnrateTopology {
  static final String ENDPOINT_COSTS = "endpoint-costs";
  /**
   * Heap for decoded endpoint states and slices, per task: all of a few hundred endpoints' (about 20 kB
   * each), the most recently used of a larger fleet, so that heap does not grow with the fleet.
   */
  static final long STATE_CACHE_BYTES = 8L << 20;
  static final long SLICE_CACHE_BYTES = 4L << 20;

  private BurnrateTopology() {}

  public static Topology build(TopologySettings settings) {
    TopicNames topics = settings.topics();
    TopologySettings.Sinks sinks = TopologySettings.Sinks.DEFAULT;
    EventTimeBounds bounds = settings.eventTimeBounds();
    RepartitioningTopology topology = new RepartitioningTopology();
    FetchedProgress requestsRead = new FetchedProgress();
    FetchedProgress replicasRead = new FetchedProgress();

    addInput(topology, settings, "requests", topics.requests(), InferenceRequest.class,
        new IngestProcessor.Rules<InferenceRequest>(InferenceRequest::getEndpointId, Validation::check,
            r -> r.getTimestamp().toEpochMilli(), "timestamp", settings.pipeline().eventGraceMs(), false),
        new EventTimeExtractor<InferenceRequest>(r -> r.getTimestamp().toEpochMilli(), bounds, requestsRead));
    addInput(topology, settings, "replicas", topics.replicas(), ReplicaEvent.class,
        new IngestProcessor.Rules<ReplicaEvent>(ReplicaEvent::getEndpointId, Validation::check,
            e -> e.getTimestamp().toEpochMilli(), "timestamp", settings.pipeline().eventGraceMs(), false),
        new EventTimeExtractor<ReplicaEvent>(e -> e.getTimestamp().toEpochMilli(), bounds, replicasRead));
    addInput(topology, settings, "billing", topics.billing(), BillingEvent.class,
        new IngestProcessor.Rules<BillingEvent>(BillingEvent::getEndpointId, Validation::check,
            b -> b.getUsageEnd().toEpochMilli(), "usage_end", settings.pipeline().billingGraceMs(), false),
        new EventTimeExtractor<BillingEvent>(b -> b.getUsageEnd().toEpochMilli(), bounds, new FetchedProgress()));
    addInput(topology, settings, "config", topics.endpointConfig(), EndpointConfig.class,
        new IngestProcessor.Rules<EndpointConfig>(EndpointConfig::getEndpointId, Validation::check, null, null, 0,
            true),
        new ConfigTimestampExtractor());

    EndpointEngine engine = new EndpointEngine(settings.pipeline());
    BillingDriftGauges driftGauges = new BillingDriftGauges(settings.metrics().registry(), settings.driftGaugeEndpoints());
    EventInputs inputs = new EventInputs(topics, replicasRead, requestsRead, settings.inputIdle());
    topology.addProcessor(ENDPOINT_COSTS,
        () -> new EndpointCostProcessor(engine, settings.metrics(), driftGauges, settings.clock(),
            settings.metricsInterval(), settings.lineItemRetention(), sinks, inputs),
        "ingest-requests", "ingest-replicas", "ingest-billing", "ingest-config");
    addStores(topology, settings);

    StringSerializer keys = new StringSerializer();
    topology.addSink(sinks.alerts(), topics.alerts(), keys,
        new AvroWireSerializer<>(settings.registry(), CostAlert.class, settings.autoRegisterSchemas()),
        ENDPOINT_COSTS);
    topology.addSink(sinks.commands(), topics.commands(), keys,
        new AvroWireSerializer<>(settings.registry(), ScalingCommand.class, settings.autoRegisterSchemas()),
        ENDPOINT_COSTS);
    topology.addSink(sinks.metrics(), topics.hourlyMetrics(), keys, JsonSerde.forMaps().serializer(),
        ENDPOINT_COSTS);
    topology.addSink(sinks.deadLetters(), topics.deadLetters(), new ByteArraySerializer(), new ByteArraySerializer(),
        "ingest-requests", "ingest-replicas", "ingest-billing", "ingest-config");
    RegionalVarianceTopology.addTo(topology, settings, ENDPOINT_COSTS);
    return topology;
  }

  private static <T extends SpecificRecord> void addInput(
      Topology topology, TopologySettings settings, String name, String topic, Class<T> type,
      IngestProcessor.Rules<T> rules, TimestampExtractor extractor) {
    String source = name + "-source";
    topology.addSource(Topology.AutoOffsetReset.EARLIEST, source, extractor, new ByteArrayDeserializer(),
        new IngestDeserializer<>(new AvroWireDeserializer<>(settings.registry(), type)), topic);
    topology.addProcessor("ingest-" + name,
        () -> new IngestProcessor<>(rules, settings.eventTimeBounds(), settings.metrics(), ENDPOINT_COSTS,
            TopologySettings.Sinks.DEFAULT.deadLetters()),
        source);
  }

  private static void addStores(Topology topology, TopologySettings settings) {
    Duration sliceRetention = settings.sliceRetention();
    // Judged against by the ingest steps of the three timed inputs, advanced by the endpoint processor.
    topology.addStateStore(WriteBehindStoreBuilder.eventOrder(
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.EVENT_ORDER), Serdes.Bytes(),
                Serdes.ByteArray()),
            settings.inputIdle().toMillis()),
        ENDPOINT_COSTS, "ingest-requests", "ingest-replicas", "ingest-billing");
    // The two stores every record and tick changes: decoded, written back once per commit.
    topology.addStateStore(WriteBehindStoreBuilder.keyValue(Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(StoreNames.ENDPOINT_STATE), Serdes.String(), StateSerdes.endpointState()),
        DecodedSizes::of, STATE_CACHE_BYTES), ENDPOINT_COSTS);
    topology.addStateStore(Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(StoreNames.ENDPOINT_CONFIG), Serdes.String(),
            StoredAvro.serde(EndpointConfig.class))
        .withCachingEnabled(), ENDPOINT_COSTS);
    topology.addStateStore(WriteBehindStoreBuilder.window(Stores.windowStoreBuilder(
            Stores.persistentWindowStore(StoreNames.ENDPOINT_SLICES, sliceRetention, Duration.ofHours(1), false),
            Serdes.String(), StateSerdes.slices()),
        DecodedSizes::of, SLICE_CACHE_BYTES), ENDPOINT_COSTS);
    topology.addStateStore(Stores.windowStoreBuilder(
            Stores.persistentWindowStore(StoreNames.LINE_ITEMS, settings.lineItemRetention(), Duration.ofHours(1),
                false),
            Serdes.String(), Serdes.ByteArray())
        .withCachingEnabled(), ENDPOINT_COSTS);
    topology.addStateStore(Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(StoreNames.TASK_CLOCK), Serdes.String(), Serdes.Long()),
        ENDPOINT_COSTS);
    // Seasonal baselines change when an hour closes, not with every record: a store of their own.
    topology.addStateStore(Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(StoreNames.ENDPOINT_BASELINES), Serdes.String(), Serdes.ByteArray())
        .withCachingEnabled(), ENDPOINT_COSTS);
    // Ids of requests and replica events seen within the event grace: a re-sent event within the grace
    // is a duplicate; one after it is late anyway. Each id is written once, so a record cache in front
    // would only add work: reads of recent ids find them in RocksDB's memtable.
    Duration idRetention = Duration.ofMillis(settings.pipeline().eventGraceMs()).plus(Duration.ofHours(1));
    topology.addStateStore(Stores.windowStoreBuilder(
            Stores.persistentWindowStore(StoreNames.SEEN_EVENT_IDS, idRetention, Duration.ofMillis(1), false),
            Serdes.String(), Serdes.ByteArray())
        .withCachingDisabled(), ENDPOINT_COSTS);
    topology.addStateStore(Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(StoreNames.METRICS_PENDING), Serdes.String(), Serdes.Long())
        .withCachingEnabled(), ENDPOINT_COSTS);
    topology.addStateStore(Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(StoreNames.ACTIVE_ALERTS), Serdes.String(), StoredAvro.serde(CostAlert.class))
        .withCachingEnabled(), ENDPOINT_COSTS);
  }

}
