package io.burnrate.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded Kafka broker per test class, on a free loopback port, with its data in a temporary
 * directory removed afterwards. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
 * ...
 * String topic = KAFKA.createTopic("requests", 3);
 * try (var producer = new KafkaProducer<String, String>(KAFKA.producerConfig())) { ... }
 * }</pre>
 *
 * Tests of one class share the broker, so each should use its own topics and group ids
 * ({@link #uniqueName(String)}).
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, AfterAllCallback {

  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private final Map<String, String> extraBrokerProperties;
  private Path dataDir;
  private EmbeddedKafka broker;
  private Admin admin;

  public EmbeddedKafkaExtension() {
    this(Map.of());
  }

  public EmbeddedKafkaExtension(Map<String, String> extraBrokerProperties) {
    this.extraBrokerProperties = Map.copyOf(extraBrokerProperties);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    dataDir = TestDirectories.create("burnrate-kafka-");
    broker = new EmbeddedKafka(dataDir.resolve("kafka"), 0, extraBrokerProperties).start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (admin != null) {
        admin.close(Duration.ofSeconds(5));
        admin = null;
      }
      if (broker != null) {
        broker.close();
      }
    } finally {
      TestDirectories.deleteRecursively(dataDir);
    }
  }

  public EmbeddedKafka broker() {
    return broker;
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** An admin client on the broker, shared by the class and closed after it. */
  public synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }
    return admin;
  }

  /** {@code prefix} followed by a random suffix: a topic or group id no other test uses. */
  public static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Creates a topic named {@code prefix-<random>} and returns its name. */
  public String createTopic(String prefix, int partitions) {
    return createTopic(prefix, partitions, Map.of());
  }

  public String createTopic(String prefix, int partitions, Map<String, String> topicConfig) {
    String topic = uniqueName(prefix);
    NewTopic newTopic = new NewTopic(topic, Optional.of(partitions), Optional.empty()).configs(topicConfig);
    try {
      admin().createTopics(List.of(newTopic)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topic " + topic + " on " + bootstrapServers(), e);
    }
    return topic;
  }

  /** String keys and values, acks=all, idempotent. Add a transactional.id for transactions. */
  public Map<String, Object> producerConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return config;
  }

  /** String keys and values, read_committed, from the earliest offset, no auto-commit. */
  public Map<String, Object> consumerConfig(String groupId) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return config;
  }
}
