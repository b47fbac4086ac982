package io.burnrate.app;

import io.burnrate.topology.BrokerBacklog;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link BrokerBacklog} up to date: every {@link #INTERVAL}, the end of each event input
 * partition ({@code read_committed}) and the offsets the application committed, from the broker. While
 * the broker does not answer, nothing is known and the event-time order falls back on its idle time.
 */
public final class BrokerBacklogWatch implements AutoCloseable {
  static final Duration INTERVAL = Duration.ofMillis(250);
  private static final Logger LOG = LoggerFactory.getLogger(BrokerBacklogWatch.class);
  private static final long ANSWER_WITHIN_MS = 2_000;

  private final BrokerBacklog backlog;
  private final String applicationId;
  private final Admin admin;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "burnrate-broker-backlog");
    thread.setDaemon(true);
    return thread;
  });
  private Map<TopicPartition, OffsetSpec> partitions = Map.of();

  private BrokerBacklogWatch(BrokerBacklog backlog, Properties properties) {
    this.backlog = backlog;
    this.applicationId = properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    this.admin = backlog == null ? null : Admin.create(adminConfig(properties, applicationId + "-broker-backlog"));
  }

  /**
   * Starts looking up the broker for the backlog the instance's properties hand to its processors
   * ({@link BrokerBacklog#CONFIG}); with none there, does nothing.
   */
  public static BrokerBacklogWatch start(Properties properties) {
    BrokerBacklogWatch watch = new BrokerBacklogWatch(
        properties.get(BrokerBacklog.CONFIG) instanceof BrokerBacklog backlog ? backlog : null, properties);
    if (watch.admin != null) {
      watch.timer.scheduleWithFixedDelay(watch::look, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }
    return watch;
  }

  /** The admin client's share of the application's settings: connection and security, "admin." overrides. */
  static Map<String, Object> adminConfig(Properties properties, String clientId) {
    Map<String, Object> config = new HashMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (AdminClientConfig.configNames().contains(key)) {
        config.put(key, properties.getProperty(key));
      }
    }
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith(StreamsConfig.ADMIN_CLIENT_PREFIX)) {
        config.put(key.substring(StreamsConfig.ADMIN_CLIENT_PREFIX.length()), properties.getProperty(key));
      }
    }
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
    return config;
  }

  private void look() {
    try {
      if (partitions.isEmpty()) {
        partitions = partitionsOf(backlog.topics());
      }
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin.listOffsets(partitions, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
          .get(ANSWER_WITHIN_MS, TimeUnit.MILLISECONDS)
          .forEach((partition, end) -> ends.put(partition, end.offset()));
      Map<TopicPartition, Long> committed = new HashMap<>();
      admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata()
          .get(ANSWER_WITHIN_MS, TimeUnit.MILLISECONDS)
          .forEach((partition, offset) -> committedOffset(offset, partition, committed));
      backlog.update(ends, committed);
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      // Topics not created yet, a broker restarting: known again at the next look.
      LOG.debug("Looking up the input partitions' ends failed: {}", e.toString());
      partitions = Map.of();
      backlog.forget();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void committedOffset(OffsetAndMetadata offset, TopicPartition partition,
      Map<TopicPartition, Long> committed) {
    if (offset != null) {
      committed.put(partition, offset.offset());
    }
  }

  private Map<TopicPartition, OffsetSpec> partitionsOf(List<String> topics)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetSpec> all = new HashMap<>();
    for (TopicDescription topic : admin.describeTopics(topics).allTopicNames()
        .get(ANSWER_WITHIN_MS, TimeUnit.MILLISECONDS).values()) {
      topic.partitions().forEach(p -> all.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
    }
    return all;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(ANSWER_WITHIN_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
  }
}
