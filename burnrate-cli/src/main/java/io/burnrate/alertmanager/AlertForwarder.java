package io.burnrate.alertmanager;

import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import io.burnrate.serde.WireFormatException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge from {@code cost.alerts} to Alertmanager. A consumer group member (read_committed,
 * offsets committed by hand) that posts each alert, one record at a time, and commits a record's offset
 * only once Alertmanager accepted it (or refused it with a 4xx, which is logged, counted and skipped).
 *
 * <p>Alertmanager resolves an alert that is not re-sent within its {@code resolve_timeout}, so the
 * bridge keeps the alerts FIRING and not yet RESOLVED in memory and posts them again every {@link
 * ForwarderSettings#repostInterval()}. When it gets partitions (at start, or from a rebalance) it
 * rebuilds that set from the partitions' beginning up to their end offsets, then continues from the
 * group's committed offsets; an old record whose alert the rebuild saw again later is not posted
 * (see {@link PartitionAlerts}), so a restart never shows a resolved alert as active. Each member
 * re-posts only the alerts of its own partitions, so several bridges may share the group.
 *
 * <pre>{@code
 * AlertForwarder forwarder = AlertForwarder.create(consumerProperties, "cost.alerts", registry, settings);
 * Runtime.getRuntime().addShutdownHook(new Thread(forwarder::stop));
 * forwarder.run(); // until stop(); commits what Alertmanager accepted
 * }</pre>
 */
public final class AlertForwarder {
  private static final Logger log = LoggerFactory.getLogger(AlertForwarder.class);
  private static final Duration MAX_POLL = Duration.ofSeconds(1);
  private static final int REPOST_CHUNK = 500;
  private static final Duration REBUILD_TIMEOUT = Duration.ofMinutes(5);

  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final Deserializer<CostAlert> deserializer;
  private final SnapshotSource snapshots;
  private final RetryingPoster poster;
  private final Duration repostInterval;
  private final Clock clock;
  private final String target;
  private final StopSignal stop;
  private final ForwarderStats stats = new ForwarderStats();
  private final Map<TopicPartition, PartitionAlerts> owned = new HashMap<>();
  private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
  private Instant nextRepost = Instant.MIN;

  AlertForwarder(Consumer<String, byte[]> consumer, String topic, Deserializer<CostAlert> deserializer,
      SnapshotSource snapshots, AlertPoster poster, Backoff backoff, Duration repostInterval, Clock clock,
      String target) {
    this.consumer = consumer;
    this.topic = topic;
    this.deserializer = deserializer;
    this.snapshots = snapshots;
    this.stop = new StopSignal();
    this.poster = new RetryingPoster(poster, backoff, stop, target);
    this.repostInterval = repostInterval;
    this.clock = clock;
    this.target = target;
  }

  /**
   * A bridge on a Kafka consumer group, posting with the JDK's HTTP client.
   *
   * @param clientProperties Kafka settings as Burnrate's configuration holds them: consumer keys are
   *     used ({@code consumer.}-prefixed ones win), Kafka Streams' and producers' are ignored; the group id,
   *     read_committed, no auto-commit and the deserializers are set here
   * @param topic the topic of CostAlert records, {@code cost.alerts} by default
   * @param deserializer reads the topic's Confluent-framed values
   */
  public static AlertForwarder create(Map<String, Object> clientProperties, String topic,
      Deserializer<CostAlert> deserializer, ForwarderSettings settings) {
    AlertmanagerClient client = new AlertmanagerClient(settings.alertmanagerUrl(), settings.requestTimeout());
    Map<String, Object> props = consumerSettings(clientProperties);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
    // One record may wait for every retry; the group must not evict the member meanwhile.
    long worstDeliveryMs = settings.backoff().totalDelay().toMillis()
        + settings.backoff().attempts() * settings.requestTimeout().toMillis() * 2;
    props.putIfAbsent(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE,
        Math.max(300_000L, 2 * worstDeliveryMs)));
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    AlertTopicReader reader = new AlertTopicReader(props, deserializer, REBUILD_TIMEOUT);
    return new AlertForwarder(new KafkaConsumer<>(props), topic, deserializer, reader, client,
        settings.backoff(), settings.repostInterval(), Clock.systemUTC(), client.redactedUrl());
  }

  /** The consumer's keys of a mixed Kafka configuration; {@code consumer.<key>} overrides {@code <key>}. */
  static Map<String, Object> consumerSettings(Map<String, Object> kafkaSettings) {
    Set<String> known = ConsumerConfig.configNames();
    Map<String, Object> consumer = new HashMap<>();
    kafkaSettings.forEach((key, value) -> {
      if (known.contains(key)) {
        consumer.putIfAbsent(key, value);
      }
    });
    kafkaSettings.forEach((key, value) -> {
      String stripped = key.startsWith("consumer.") ? key.substring("consumer.".length()) : null;
      if (stripped != null && known.contains(stripped)) {
        consumer.put(stripped, value);
      }
    });
    return consumer;
  }

  /**
   * Forwards until {@link #stop()} is called, then commits what Alertmanager accepted and closes the
   * consumer.
   *
   * @throws AlertmanagerUnavailableException when Alertmanager kept failing for every retry, or its
   *     answers say the URL or credentials are wrong (accepted offsets are committed first)
   */
  public void run() {
    log.info("forwarding {} to Alertmanager at {} (re-posting active alerts every {} s)", topic, target,
        repostInterval.toSeconds());
    try {
      consumer.subscribe(List.of(topic), new Rebalance());
      while (!stop.isRequested()) {
        if (!clock.instant().isBefore(nextRepost) && !repost()) {
          break;
        }
        if (!forward(consumer.poll(pollTimeout()))) {
          break;
        }
        commit();
      }
    } catch (WakeupException stopping) {
      // stop() woke the consumer up
    } finally {
      try {
        commit();
      } catch (KafkaException e) {
        log.warn("could not commit the last accepted offsets {} on the way out: {}", uncommitted, e.getMessage());
      } finally {
        log.info("stopping: {}", stats.snapshot());
        consumer.close(Duration.ofSeconds(10));
      }
    }
  }

  /** Asks {@link #run()} to finish: any wait is cut short, accepted offsets are committed. Any thread. */
  public void stop() {
    stop.request();
    consumer.wakeup();
  }

  public ForwarderStats.Snapshot stats() {
    return stats.snapshot();
  }

  /** False when a stop cut the batch short. */
  private boolean forward(Iterable<ConsumerRecord<String, byte[]>> records) {
    for (ConsumerRecord<String, byte[]> record : records) {
      if (!forward(record)) {
        return false;
      }
    }
    return true;
  }

  private boolean forward(ConsumerRecord<String, byte[]> record) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    PartitionAlerts alerts = owned.computeIfAbsent(partition, p -> PartitionAlerts.empty());
    CostAlert alert = decode(record);
    if (alert == null) {
      processed(partition, alerts, record.offset());
      return true;
    }
    if (alerts.isSuperseded(record.offset(), alert.getAlertId())) {
      log.debug("{}: {} {} of {} superseded by a later record, not posted", where(record), alert.getStatus(),
          alert.getAlertId(), alert.getEndpointId());
      stats.superseded.incrementAndGet();
      processed(partition, alerts, record.offset());
      return true;
    }
    boolean firing = alert.getStatus() != AlertStatus.RESOLVED;
    AlertmanagerAlert posted = firing
        ? AlertTranslation.firing(alert)
        : AlertTranslation.resolved(alert, alerts.firing(alert.getAlertId()), clock.instant());
    RetryingPoster.Delivery delivery = poster.deliver(List.of(posted));
    switch (delivery.outcome()) {
      case STOPPED -> {
        return false;
      }
      case ACCEPTED -> {
        alerts.apply(alert);
        (firing ? stats.firing : stats.resolved).incrementAndGet();
        log.debug("{}: posted {} {} {} of {}", where(record), alert.getStatus(), alert.getRule(),
            alert.getAlertId(), alert.getEndpointId());
      }
      case REJECTED -> {
        if (!firing) {
          alerts.apply(alert); // resolved all the same: never re-post it as active
        }
        stats.rejected.incrementAndGet();
        log.warn("{}: Alertmanager at {} refused {} alert {} ({} of {}) with HTTP {}: {}; skipped", where(record),
            target, alert.getStatus(), alert.getAlertId(), alert.getRule(), alert.getEndpointId(),
            delivery.status(), RetryingPoster.shorten(delivery.body()));
      }
      default -> throw new IllegalStateException("unexpected delivery " + delivery);
    }
    processed(partition, alerts, record.offset());
    return true;
  }

  private CostAlert decode(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return null;
    }
    try {
      return deserializer.deserialize(record.topic(), record.value());
    } catch (WireFormatException e) {
      stats.undecodable.incrementAndGet();
      log.warn("{}: not a CostAlert, skipped: {}", where(record), e.getMessage());
      return null;
    }
  }

  private void processed(TopicPartition partition, PartitionAlerts alerts, long offset) {
    alerts.processed(offset);
    uncommitted.put(partition, new OffsetAndMetadata(offset + 1));
    stats.active.set(activeCount());
  }

  /** Posts every active alert of the owned partitions again. False when a stop cut it short. */
  private boolean repost() {
    nextRepost = clock.instant().plus(repostInterval);
    List<AlertmanagerAlert> active = new ArrayList<>();
    for (PartitionAlerts alerts : owned.values()) {
      for (CostAlert alert : alerts.active()) {
        active.add(AlertTranslation.firing(alert));
      }
    }
    if (active.isEmpty()) {
      return true;
    }
    for (int from = 0; from < active.size(); from += REPOST_CHUNK) {
      List<AlertmanagerAlert> chunk = active.subList(from, Math.min(active.size(), from + REPOST_CHUNK));
      RetryingPoster.Delivery delivery = poster.deliver(chunk);
      if (delivery.outcome() == RetryingPoster.Outcome.STOPPED) {
        return false;
      }
      if (delivery.outcome() == RetryingPoster.Outcome.REJECTED) {
        log.warn("Alertmanager at {} refused the re-post of {} active alert(s) with HTTP {}: {}", target,
            chunk.size(), delivery.status(), RetryingPoster.shorten(delivery.body()));
      }
    }
    stats.reposts.incrementAndGet();
    log.debug("re-posted {} active alert(s)", active.size());
    return true;
  }

  private Duration pollTimeout() {
    Duration untilRepost = Duration.between(clock.instant(), nextRepost);
    if (untilRepost.isNegative()) {
      return Duration.ZERO;
    }
    return untilRepost.compareTo(MAX_POLL) > 0 ? MAX_POLL : untilRepost;
  }

  private void commit() {
    if (uncommitted.isEmpty()) {
      return;
    }
    consumer.commitSync(Map.copyOf(uncommitted));
    uncommitted.clear();
  }

  private void commit(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata offset = uncommitted.remove(partition);
      if (offset != null) {
        offsets.put(partition, offset);
      }
    }
    if (!offsets.isEmpty()) {
      consumer.commitSync(offsets);
    }
  }

  private int activeCount() {
    int count = 0;
    for (PartitionAlerts alerts : owned.values()) {
      count += alerts.activeCount();
    }
    return count;
  }

  private static String where(ConsumerRecord<?, ?> record) {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }

  /** Keeps the owned partitions' alerts in step with the group's assignment. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      try {
        commit(partitions);
      } catch (KafkaException e) {
        log.warn("could not commit {} before giving them up: {}", partitions, e.getMessage());
      }
      forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(uncommitted::remove);
      forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      Map<TopicPartition, PartitionAlerts> rebuilt = snapshots.rebuild(partitions);
      owned.putAll(rebuilt);
      int active = 0;
      for (PartitionAlerts alerts : rebuilt.values()) {
        active += alerts.activeCount();
      }
      stats.active.set(activeCount());
      log.info("assigned {}: {} active alert(s) rebuilt from the beginning of the topic", partitions, active);
      if (active > 0) {
        nextRepost = Instant.MIN;
      }
    }

    private void forget(Collection<TopicPartition> partitions) {
      Set<TopicPartition> gone = Set.copyOf(partitions);
      owned.keySet().removeAll(gone);
      stats.active.set(activeCount());
    }
  }
}
