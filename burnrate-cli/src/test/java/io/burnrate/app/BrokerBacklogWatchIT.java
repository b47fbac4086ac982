package io.burnrate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.burnrate.local.EmbeddedKafkaExtension;
import io.burnrate.topology.BrokerBacklog;
import io.burnrate.topology.FetchedProgress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The watch against the real broker: partition ends as a read_committed reader sees them, and commits. */
class BrokerBacklogWatchIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  @Test
  void tellsWhichPartitionsHoldRecordsBeyondWhatWasReadOrCommitted() throws Exception {
    String topic = KAFKA.createTopic("requests", 2);
    String applicationId = EmbeddedKafkaExtension.uniqueName("app");
    Map<String, Object> transactional = KAFKA.producerConfig();
    transactional.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, EmbeddedKafkaExtension.uniqueName("tx"));
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(transactional)) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < 5; i++) {
        producer.send(new ProducerRecord<>(topic, 0, "ep", "request-" + i));
      }
      producer.commitTransaction();
      producer.beginTransaction();
      for (int i = 0; i < 3; i++) {
        producer.send(new ProducerRecord<>(topic, 1, "ep", "still open " + i));
      }
      producer.flush();

      BrokerBacklog backlog = new BrokerBacklog(List.of(topic));
      Properties properties = new Properties();
      properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
      properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
      properties.put(BrokerBacklog.CONFIG, backlog);
      KAFKA.admin().alterConsumerGroupOffsets(applicationId,
          Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(2),
              new TopicPartition(topic, 1), new OffsetAndMetadata(0))).all().get();
      try (BrokerBacklogWatch watch = BrokerBacklogWatch.start(properties)) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
          assertThat(backlog.hasUnread(topic, 0, 1)).as("records 2 to 4 are on the broker").isTrue();
          assertThat(backlog.hasUnread(topic, 0, FetchedProgress.NOTHING_READ)).as("committed at 2").isTrue();
        });
        assertThat(backlog.hasUnread(topic, 0, 4)).as("read to the transaction's marker").isFalse();
        assertThat(backlog.hasUnread(topic, 1, FetchedProgress.NOTHING_READ))
            .as("an open transaction is not readable yet").isFalse();
      }
      producer.abortTransaction();
    }
  }
}
