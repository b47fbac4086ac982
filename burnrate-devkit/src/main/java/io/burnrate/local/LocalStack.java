package io.burnrate.local;

import io.burnrate.app.ContractTopics;
import io.burnrate.config.TopicNames;
import io.burnrate.registry.EmbeddedSchemaRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything Burnrate needs on one machine: the embedded Kafka broker, the contract's topics and
 * the embedded schema registry, all on 127.0.0.1. For the demo and the integration tests.
 */
public final class LocalStack implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

  /** The broker keeps its data in this folder of {@link Options#dataDir()}. */
  public static final String KAFKA_DIRECTORY = "kafka";

  /**
   * @param dataDir folder for the stack's data (the broker's under {@value #KAFKA_DIRECTORY}/)
   * @param kafkaPort the broker's port, 0 for a free one
   * @param registryPort the registry's port, 0 for a free one
   * @param partitions partitions of each contract topic created
   */
  public record Options(Path dataDir, int kafkaPort, int registryPort, int partitions) {

    public static final int DEFAULT_PARTITIONS = 3;

    public Options {
      Objects.requireNonNull(dataDir, "dataDir");
      requirePort("kafkaPort", kafkaPort);
      requirePort("registryPort", registryPort);
      if (kafkaPort != 0 && kafkaPort == registryPort) {
        throw new IllegalArgumentException("the broker and the registry cannot share port " + kafkaPort);
      }
      if (partitions < 1) {
        throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
      }
    }

    /** Free ports and {@value #DEFAULT_PARTITIONS} partitions, with data under {@code dataDir}. */
    public static Options in(Path dataDir) {
      return new Options(dataDir, 0, 0, DEFAULT_PARTITIONS);
    }

    public Options withKafkaPort(int port) {
      return new Options(dataDir, port, registryPort, partitions);
    }

    public Options withRegistryPort(int port) {
      return new Options(dataDir, kafkaPort, port, partitions);
    }

    public Options withPartitions(int count) {
      return new Options(dataDir, kafkaPort, registryPort, count);
    }

    private static void requirePort(String name, int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException(name + " must be 0 (any free port) or 1..65535, was " + port);
      }
    }
  }

  private final EmbeddedKafka kafka;
  private final EmbeddedSchemaRegistry registry;
  private final Map<String, Integer> topics;

  private LocalStack(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry, Map<String, Integer> topics) {
    this.kafka = kafka;
    this.registry = registry;
    this.topics = topics;
  }

  /** Starts the broker, creates the contract's topics (keeping existing ones), then starts the registry. */
  public static LocalStack start(Options options) {
    EmbeddedKafka kafka = new EmbeddedKafka(options.dataDir().resolve(KAFKA_DIRECTORY), options.kafkaPort(), Map.of()).start();
    try {
      ContractTopics.Outcome outcome;
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
        outcome = new ContractTopics(admin, TopicNames.DEFAULTS).ensure(options.partitions());
      }
      EmbeddedSchemaRegistry registry =
          new EmbeddedSchemaRegistry(kafka.bootstrapServers(), LoopbackPorts.HOST, options.registryPort()).start();
      return new LocalStack(kafka, registry, outcome.partitions());
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** Like {@code http://127.0.0.1:8081}. */
  public String registryUrl() {
    return registry.url();
  }

  public EmbeddedKafka kafka() {
    return kafka;
  }

  /** Partition count of each contract topic, in contract order. */
  public Map<String, Integer> topics() {
    return topics;
  }

  /** Stops the registry, then the broker, each within its own bound. */
  @Override
  public void close() {
    try {
      registry.close();
    } catch (RuntimeException e) {
      log.warn("The schema registry on {} did not stop cleanly: {}", registry.url(), e.toString());
    } finally {
      kafka.close();
    }
  }
}
