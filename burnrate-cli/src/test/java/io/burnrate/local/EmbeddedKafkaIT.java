package io.burnrate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  @Test
  void readCommittedConsumerSeesCommittedTransactionsOnly() throws Exception {
    String topic = KAFKA.createTopic("transactions", 1);
    Map<String, Object> config = KAFKA.producerConfig();
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, EmbeddedKafkaExtension.uniqueName("tx"));
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "endpoint-a", "committed-1"));
      producer.send(new ProducerRecord<>(topic, "endpoint-a", "committed-2"));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "endpoint-a", "aborted"));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "endpoint-a", "committed-3"));
      producer.commitTransaction();
    }

    assertThat(readAll(KAFKA.consumerConfig(EmbeddedKafkaExtension.uniqueName("reader")), topic))
        .extracting(ConsumerRecord::value)
        .containsExactly("committed-1", "committed-2", "committed-3");
  }

  @Test
  void topicsRecordsAndOffsetsSurviveARestartOnTheSameDirectory(@TempDir Path dir) throws Exception {
    Path dataDir = dir.resolve("kafka");
    String topic = "survivor";
    String group = "survivor-group";
    TopicPartition first = new TopicPartition(topic, 0);

    try (EmbeddedKafka broker = new EmbeddedKafka(dataDir, 0, Map.of()).start()) {
      try (Admin admin = adminOn(broker)) {
        admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
      }
      Map<String, Object> producerConfig = KAFKA.producerConfig();
      producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
        for (int i = 0; i < 4; i++) {
          producer.send(new ProducerRecord<>(topic, i % 2, "key-" + i, "value-" + i)).get(30, TimeUnit.SECONDS);
        }
      }
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerOn(broker, group))) {
        consumer.assign(List.of(first));
        consumer.commitSync(Map.of(first, new OffsetAndMetadata(1)));
      }
    }
    assertThat(Files.exists(dataDir.resolve("meta.properties"))).isTrue();

    EmbeddedKafka restarted = new EmbeddedKafka(dataDir, 0, Map.of()).start();
    try {
      try (Admin admin = adminOn(restarted)) {
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(topic);
        assertThat(admin.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
            .get(topic).partitions()).hasSize(2);
        assertThat(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS))
            .containsEntry(first, new OffsetAndMetadata(1));
      }
      assertThat(readAll(consumerOn(restarted, EmbeddedKafkaExtension.uniqueName("reader")), topic))
          .extracting(ConsumerRecord::value)
          .containsExactlyInAnyOrder("value-0", "value-1", "value-2", "value-3");

      int portBefore = restarted.port();
      restarted.close();
      assertThat(restarted.isRunning()).isFalse();
      restarted.start();
      assertThat(restarted.port()).isEqualTo(portBefore);
      try (Admin admin = adminOn(restarted)) {
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(topic);
      }
    } finally {
      restarted.close();
    }
  }

  @Test
  void refusesADataDirectoryThatARunningBrokerUses() throws Exception {
    EmbeddedKafka intruder = new EmbeddedKafka(KAFKA.broker().dataDir(), 0, Map.of());

    assertThatThrownBy(intruder::start)
        .isInstanceOf(EmbeddedKafkaException.class)
        .hasMessage("the Kafka data directory " + KAFKA.broker().dataDir()
            + " is in use by another broker; stop that one or choose another directory");
    assertThat(intruder.isRunning()).isFalse();
    assertThat(KAFKA.admin().describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
  }

  private static Admin adminOn(EmbeddedKafka broker) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  private static Map<String, Object> consumerOn(EmbeddedKafka broker, String group) {
    Map<String, Object> config = KAFKA.consumerConfig(group);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    return config;
  }

  /** Reads {@code topic} from the start until the consumer's position reaches every partition's end. */
  private static List<ConsumerRecord<String, String>> readAll(Map<String, Object> consumerConfig, String topic) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition()))
          .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      await().atMost(WAIT).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
      });
    }
    return records;
  }
}
