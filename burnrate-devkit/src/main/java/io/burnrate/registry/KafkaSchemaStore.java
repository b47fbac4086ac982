package io.burnrate.registry;

import io.burnrate.config.TopicNames;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the registry's records in a compacted Kafka topic of one partition (by default {@code
 * _schemas}), created when absent. {@link #replay} reads it from the beginning to its end offset;
 * {@link #append} writes with {@code acks=all} and waits for the broker's acknowledgement. The
 * record format is {@link StoreRecordCodec}'s. Meant for one registry writing at a time.
 */
public final class KafkaSchemaStore implements SchemaStore {

  /** How long start-up and each write may wait for Kafka unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(KafkaSchemaStore.class);
  private static final int MAX_REPLICATION = 3;

  private final String bootstrapServers;
  private final String topic;
  private final Duration timeout;
  private final StoreRecordCodec codec = new StoreRecordCodec();
  private KafkaProducer<byte[], byte[]> producer;

  /** A store in the default topic ({@code TopicNames.DEFAULTS.schemas()}) with the default timeout. */
  public KafkaSchemaStore(String bootstrapServers) {
    this(bootstrapServers, TopicNames.DEFAULTS.schemas(), DEFAULT_TIMEOUT);
  }

  /**
   * @param bootstrapServers the Kafka cluster, e.g. {@code 127.0.0.1:9092}
   * @param topic the topic holding the records
   * @param timeout how long loading at start, and each write, may wait for Kafka
   */
  public KafkaSchemaStore(String bootstrapServers, String topic, Duration timeout) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(
          "bootstrapServers is empty: give the Kafka cluster, e.g. 127.0.0.1:9092");
    }
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException(
          "topic is empty: give the topic that holds the schemas, e.g. _schemas");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.timeout = timeout;
  }

  @Override
  public String description() {
    return "Kafka topic '" + topic + "' at " + bootstrapServers;
  }

  @Override
  public void replay(Consumer<StoreRecord> sink) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      ensureTopic(deadline);
      readToEnd(sink, deadline);
    } catch (KafkaException e) {
      throw new SchemaStoreException(
          "Could not load the schema registry from " + description() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void append(StoreRecord record) {
    ProducerRecord<byte[], byte[]> message =
        new ProducerRecord<>(topic, 0, codec.key(record), codec.value(record));
    try {
      // The producer gives up by itself after delivery.timeout.ms (= timeout); the margin lets
      // its own failure arrive, so that a write reported as failed was not acknowledged.
      await(producer().send(message), System.nanoTime() + timeout.plusSeconds(5).toNanos(),
          "writing record " + record.key());
    } catch (KafkaException e) {
      throw new SchemaStoreException(
          "Could not write record " + record.key() + " to " + description() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }

  private void ensureTopic(long deadline) {
    try (Admin admin = Admin.create(adminConfig())) {
      Collection<Node> brokers =
          await(admin.describeCluster().nodes(), deadline, "connecting to the cluster");
      Set<String> topics =
          await(
              admin.listTopics(new ListTopicsOptions().listInternal(true)).names(),
              deadline,
              "listing topics");
      if (!topics.contains(topic)) {
        createTopic(admin, (short) Math.min(MAX_REPLICATION, brokers.size()), deadline);
        return;
      }
      TopicDescription description =
          await(
              admin.describeTopics(List.of(topic)).topicNameValues().get(topic),
              deadline,
              "describing the topic");
      if (description.partitions().size() != 1) {
        throw new SchemaStoreException(
            "Topic '" + topic + "' at " + bootstrapServers + " has " + description.partitions().size()
                + " partitions; the schema registry needs exactly one, so that its records keep"
                + " their order. Point the registry at another topic or recreate this one.");
      }
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config config =
          await(
              admin.describeConfigs(List.of(resource)).values().get(resource),
              deadline,
              "describing the topic's configuration");
      String policy =
          Optional.ofNullable(config.get(TopicConfig.CLEANUP_POLICY_CONFIG)).map(e -> e.value()).orElse("");
      if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
        log.warn(
            "Topic '{}' at {} has cleanup.policy={}, not compact: schemas may be deleted by retention"
                + " and their ids then no longer resolve. Set cleanup.policy=compact on it.",
            topic, bootstrapServers, policy);
      }
    }
  }

  private void createTopic(Admin admin, short replication, long deadline) {
    NewTopic newTopic =
        new NewTopic(topic, 1, replication)
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    try {
      await(admin.createTopics(List.of(newTopic)).all(), deadline, "creating the topic");
      log.info(
          "Created topic '{}' (compacted, 1 partition, replication {}) at {}",
          topic, replication, bootstrapServers);
    } catch (SchemaStoreException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  private void readToEnd(Consumer<StoreRecord> sink, long deadline) {
    long started = System.nanoTime();
    TopicPartition partition = new TopicPartition(topic, 0);
    long applied = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition), remaining(deadline)).get(partition);
      while (consumer.position(partition, remaining(deadline)) < end) {
        if (System.nanoTime() > deadline) {
          throw new SchemaStoreException(
              "Could not read " + description() + " to its end offset " + end + " within "
                  + timeout.toSeconds() + " s; is the broker overloaded?");
        }
        for (ConsumerRecord<byte[], byte[]> message : consumer.poll(Duration.ofMillis(200))) {
          applied += apply(message, sink);
        }
      }
      log.info(
          "Loaded {} schema registry records from {} in {} ms",
          applied, description(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw unreachable("reading the topic", e);
    }
  }

  private long apply(ConsumerRecord<byte[], byte[]> message, Consumer<StoreRecord> sink) {
    Optional<StoreRecord> record;
    try {
      record = codec.decode(message.key(), message.value());
    } catch (IllegalArgumentException e) {
      log.warn(
          "Skipping unreadable record at offset {} of topic '{}': {}",
          message.offset(), topic, e.getMessage());
      return 0;
    }
    record.ifPresent(sink);
    return record.isPresent() ? 1 : 0;
  }

  private synchronized KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      producer = new KafkaProducer<>(producerConfig());
    }
    return producer;
  }

  private <T> T await(Future<T> future, long deadline, String what) {
    try {
      return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw unreachable(what, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw unreachable(what, cause);
      }
      throw new SchemaStoreException(
          "Kafka at " + bootstrapServers + " failed " + what + " for topic '" + topic + "': "
              + cause.getMessage(),
          cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaStoreException("Interrupted while " + what + " for " + description(), e);
    }
  }

  private SchemaStoreException unreachable(String what, Throwable cause) {
    return new SchemaStoreException(
        "Kafka at " + bootstrapServers + " did not answer within " + timeout.toSeconds() + " s while "
            + what + " for the schema registry's topic '" + topic
            + "'. Is a broker running and reachable at that address?",
        cause);
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
  }

  private Properties common(String clientId) {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    return config;
  }

  private Properties adminConfig() {
    Properties config = common("burnrate-schema-registry-admin");
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    return config;
  }

  private Properties consumerConfig() {
    Properties config = common("burnrate-schema-registry-reader");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    return config;
  }

  private Properties producerConfig() {
    Properties config = common("burnrate-schema-registry-writer");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    return config;
  }
}
