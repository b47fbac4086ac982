package io.burnrate.app;

import io.burnrate.config.BurnrateConfig;
import io.burnrate.core.Ids;
import io.burnrate.serde.SchemaRegistryClient;
import io.burnrate.topology.BrokerBacklog;
import io.burnrate.topology.BurnrateTopology;
import io.burnrate.topology.EventTimeBounds;
import io.burnrate.topology.PipelineMetrics;
import io.burnrate.topology.TopologySettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;

/** Describes Burnrate: its topology and its Kafka Streams properties, from one validated config. */
public final class BurnrateApp {
  private final BurnrateConfig config;
  private final SchemaRegistryClient registry;
  private final PipelineMetrics metrics;
  private final Clock clock;

  public BurnrateApp(BurnrateConfig config, SchemaRegistryClient registry, PipelineMetrics metrics, Clock clock) {
    this.config = config;
    this.registry = registry;
    this.metrics = metrics;
    this.clock = clock;
  }

  public BurnrateConfig config() {
    return config;
  }

  public TopologySettings topologySettings() {
    var pipeline = config.pipeline();
    return new TopologySettings(
        config.topics(),
        pipeline,
        new EventTimeBounds(pipeline.minEventTimeMs(), pipeline.maxFutureSkewMs(), clock),
        Duration.ofMillis(config.getLong(BurnrateConfig.SLICE_RETENTION)),
        Duration.ofMillis(config.getLong(BurnrateConfig.LINE_ITEM_RETENTION)),
        Duration.ofMillis(config.getLong(BurnrateConfig.METRICS_INTERVAL)),
        config.getInt(BurnrateConfig.DRIFT_GAUGE_ENDPOINTS),
        config.getBoolean(BurnrateConfig.AUTO_REGISTER),
        registry,
        metrics,
        clock,
        Duration.ofMillis(config.getLong(BurnrateConfig.INPUT_IDLE)));
  }

  public Topology topology() {
    return BurnrateTopology.build(topologySettings());
  }

  /** Kafka Streams properties: the pass-through keys, with Burnrate's fixed choices on top. */
  public Properties streamsProperties() {
    Properties props = config.kafkaProperties();
    props.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    // A forgotten name fails at start-up instead of becoming lost state after an upgrade.
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
    // Safety net for the unforeseen: a record whose processing throws goes to the dead-letter topic
    // (KIP-1034 headers) and the pipeline goes on. Expected bad input is dead-lettered by the ingest step.
    props.putIfAbsent(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, config.topics().deadLetters());
    props.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndContinueProcessingExceptionHandler.class.getName());
    // Bad input is dead-lettered by the ingest step; what reaches this handler is a registry that did
    // not answer, and such a record must be read again, never dead-lettered or skipped.
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, RegistryOutageHandler.class.getName());
    props.put(RegistryOutageHandler.METRICS_CONFIG, metrics);
    // One per Kafka Streams instance: what the broker holds of the event inputs (see BrokerBacklogWatch).
    props.put(BrokerBacklog.CONFIG, new BrokerBacklog(List.of(config.topics().requests(), config.topics().replicas())));
    // Off-heap memory bounded whatever the input: all stores share one block cache and write-buffer budget.
    props.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class.getName());
    props.put(BurnrateConfig.ROCKSDB_BLOCK_CACHE, config.getLong(BurnrateConfig.ROCKSDB_BLOCK_CACHE));
    props.put(BurnrateConfig.ROCKSDB_WRITE_BUFFER, config.getLong(BurnrateConfig.ROCKSDB_WRITE_BUFFER));
    props.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, staticMemberId(props));
    return props;
  }

  /**
   * Static group membership by default: an instance restarted after a crash takes its partitions back
   * at once, instead of waiting for its old self's session to time out (45 s by default, most of a
   * restart's time). The id is stable across restarts and unique per instance: the application, the
   * host and the state folder (which two running instances never share).
   */
  static String staticMemberId(Properties props) {
    String stateDir = props.getProperty(StreamsConfig.STATE_DIR_CONFIG,
        Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams").toString());
    String folder = Path.of(stateDir).toAbsolutePath().normalize().toString();
    return props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + "-" + hostName() + "-"
        + Ids.nameBased("state-dir", folder).substring(0, 8);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
