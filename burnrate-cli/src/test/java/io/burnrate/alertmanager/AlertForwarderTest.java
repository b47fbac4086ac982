package io.burnrate.alertmanager;

import static io.burnrate.alertmanager.ScriptedPoster.UNREACHABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnrate.config.TopicNames;
import io.burnrate.schema.CostAlert;
import io.burnrate.serde.AvroWireDeserializer;
import io.burnrate.serde.AvroWireSerializer;
import io.burnrate.serde.InMemorySchemaRegistryClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The bridge's loop on a MockConsumer (no broker) and a scripted Alertmanager. */
class AlertForwarderTest {
  private static final String TOPIC = TopicNames.DEFAULTS.alerts();
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
  private static final Backoff NO_WAIT = new Backoff(Duration.ZERO, Duration.ZERO, 3);
  private static final Duration REPOST = Duration.ofSeconds(60);

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final AvroWireSerializer<CostAlert> serializer = new AvroWireSerializer<>(registry, CostAlert.class, true);
  private final RecordingConsumer consumer = new RecordingConsumer();
  private final ScriptedPoster alertmanager = new ScriptedPoster();
  private final TestClock clock = new TestClock(Instant.parse("2026-03-02T12:00:00Z"));
  private final Map<TopicPartition, List<CostAlert>> history = new HashMap<>();
  private final List<Collection<TopicPartition>> rebuilt = new ArrayList<>();

  private final CostAlert a = TestAlerts.firing("a", "chat");
  private final CostAlert aResolved = TestAlerts.resolved(a, Duration.ofMinutes(20));
  private final CostAlert b = TestAlerts.firing("b", "embed");

  private AlertForwarder forwarder(Backoff backoff) {
    SnapshotSource snapshots = partitions -> {
      rebuilt.add(List.copyOf(partitions));
      Map<TopicPartition, PartitionAlerts> out = new HashMap<>();
      for (TopicPartition partition : partitions) {
        PartitionAlerts alerts = PartitionAlerts.empty();
        List<CostAlert> records = history.getOrDefault(partition, List.of());
        for (int offset = 0; offset < records.size(); offset++) {
          alerts.rebuild(offset, records.get(offset));
        }
        alerts.rebuiltUpTo(records.size());
        out.put(partition, alerts);
      }
      return out;
    };
    return new AlertForwarder(consumer, TOPIC, new AvroWireDeserializer<>(registry, CostAlert.class), snapshots,
        alertmanager, backoff, REPOST, clock, "am");
  }

  private ConsumerRecord<String, byte[]> record(TopicPartition partition, long offset, CostAlert alert) {
    return new ConsumerRecord<>(TOPIC, partition.partition(), offset, alert.getEndpointId(),
        serializer.serialize(TOPIC, alert));
  }

  private void assign(TopicPartition... partitions) {
    consumer.rebalance(List.of(partitions));
    Map<TopicPartition, Long> beginning = new HashMap<>();
    for (TopicPartition partition : partitions) {
      beginning.put(partition, 0L);
    }
    consumer.updateBeginningOffsets(beginning);
  }

  private OffsetAndMetadata committed(TopicPartition partition) {
    return consumer.lastCommitted.get(partition);
  }

  private static List<String> describe(List<AlertmanagerAlert> alerts) {
    List<String> out = new ArrayList<>();
    for (AlertmanagerAlert alert : alerts) {
      out.add(alert.labels().get("alert_id") + (alert.endsAt() == null ? " firing" : " resolved"));
    }
    return out;
  }

  @Test
  void firingThenResolvedArePostedInOrderAndCommittedOnceAccepted() {
    AlertForwarder forwarder = forwarder(NO_WAIT);
    consumer.schedulePollTask(() -> assign(P0));
    consumer.schedulePollTask(() -> consumer.addRecord(record(P0, 0, a)));
    consumer.schedulePollTask(() -> {
      assertThat(committed(P0)).isEqualTo(new OffsetAndMetadata(1));
      assertThat(forwarder.stats().active()).isEqualTo(1);
      consumer.addRecord(record(P0, 1, aResolved));
    });
    consumer.schedulePollTask(forwarder::stop);

    forwarder.run();

    assertThat(describe(alertmanager.accepted)).containsExactly("a firing", "a resolved");
    AlertmanagerAlert resolved = alertmanager.accepted.get(1);
    assertThat(resolved.startsAt()).isEqualTo(a.getDetectedAt());
    assertThat(resolved.endsAt()).isEqualTo(aResolved.getDetectedAt());
    assertThat(committed(P0)).isEqualTo(new OffsetAndMetadata(2));
    assertThat(forwarder.stats()).isEqualTo(new ForwarderStats.Snapshot(1, 1, 0, 0, 0, 0, 0));
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void anAlertRefusedWith4xxIsSkippedCountedAndCommitted() {
    alertmanager.then(400);
    AlertForwarder forwarder = forwarder(NO_WAIT);
    consumer.schedulePollTask(() -> assign(P0));
    consumer.schedulePollTask(() -> {
      consumer.addRecord(record(P0, 0, a));
      consumer.addRecord(record(P0, 1, b));
    });
    consumer.schedulePollTask(forwarder::stop);

    forwarder.run();

    assertThat(describe(alertmanager.accepted)).containsExactly("b firing");
    assertThat(committed(P0)).isEqualTo(new OffsetAndMetadata(2));
    assertThat(forwarder.stats().rejected()).isEqualTo(1);
    assertThat(forwarder.stats().active()).isEqualTo(1);
  }

  @Test
  void bytesThatAreNoAlertAreSkippedAndCounted() {
    AlertForwarder forwarder = forwarder(NO_WAIT);
    consumer.schedulePollTask(() -> assign(P0));
    consumer.schedulePollTask(() -> {
      consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "chat", new byte[] {1, 2, 3}));
      consumer.addRecord(record(P0, 1, a));
    });
    consumer.schedulePollTask(forwarder::stop);

    forwarder.run();

    assertThat(describe(alertmanager.accepted)).containsExactly("a firing");
    assertThat(forwarder.stats().undecodable()).isEqualTo(1);
    assertThat(committed(P0)).isEqualTo(new OffsetAndMetadata(2));
  }

  @Test
  void whenAlertmanagerStaysDownNothingUnacceptedIsCommittedAndTheRunFails() {
    AlertForwarder forwarder = forwarder(NO_WAIT);
    consumer.schedulePollTask(() -> assign(P0));
    consumer.schedulePollTask(() -> {
      consumer.addRecord(record(P0, 0, a));
      consumer.addRecord(record(P0, 1, b));
      alertmanager.then(200, UNREACHABLE, 503, UNREACHABLE);
    });

    assertThatThrownBy(forwarder::run).isInstanceOf(AlertmanagerUnavailableException.class)
        .hasMessageContaining("3 attempts");

    assertThat(describe(alertmanager.accepted)).containsExactly("a firing");
    assertThat(committed(P0)).isEqualTo(new OffsetAndMetadata(1));
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void aStopDuringRetriesCommitsOnlyWhatWasAccepted() {
    AlertForwarder forwarder = forwarder(new Backoff(Duration.ofHours(1), Duration.ofHours(1), 3));
    alertmanager.then(200, 503).onAttempt(2, forwarder::stop);
    consumer.schedulePollTask(() -> assign(P0));
    consumer.schedulePollTask(() -> {
      consumer.addRecord(record(P0, 0, a));
      consumer.addRecord(record(P0, 1, b));
    });

    forwarder.run();

    assertThat(describe(alertmanager.accepted)).containsExactly("a firing");
    assertThat(alertmanager.attempts).hasSize(2);
    assertThat(committed(P0)).isEqualTo(new OffsetAndMetadata(1));
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void activeAlertsArePostedAgainEveryRepostIntervalAndResolvedOnesNoMore() {
    AlertForwarder forwarder = forwarder(NO_WAIT);
    consumer.schedulePollTask(() -> assign(P0));
    consumer.schedulePollTask(() -> {
      consumer.addRecord(record(P0, 0, a));
      consumer.addRecord(record(P0, 1, b));
    });
    consumer.schedulePollTask(() -> clock.advance(REPOST));
    consumer.schedulePollTask(() -> consumer.addRecord(record(P0, 2, aResolved)));
    consumer.schedulePollTask(() -> clock.advance(REPOST));
    consumer.schedulePollTask(() -> clock.advance(REPOST.dividedBy(2)));
    consumer.schedulePollTask(forwarder::stop);

    forwarder.run();

    List<List<String>> posts = new ArrayList<>();
    for (List<AlertmanagerAlert> attempt : alertmanager.attempts) {
      posts.add(describe(attempt));
    }
    assertThat(posts).containsExactly(
        List.of("a firing"), List.of("b firing"),
        List.of("a firing", "b firing"),
        List.of("a resolved"),
        List.of("b firing"));
    assertThat(forwarder.stats().reposts()).isEqualTo(2);
  }

  @Test
  void onAssignmentTheActiveAlertsAreRebuiltAndPostedAndSupersededRecordsAreNotPostedAgain() {
    // The topic holds a FIRING and its RESOLVED, and b FIRING; the group committed nothing yet.
    history.put(P0, List.of(a, b, aResolved));
    AlertForwarder forwarder = forwarder(NO_WAIT);
    consumer.schedulePollTask(() -> assign(P0));
    consumer.schedulePollTask(() -> {
      consumer.addRecord(record(P0, 0, a));
      consumer.addRecord(record(P0, 1, b));
      consumer.addRecord(record(P0, 2, aResolved));
    });
    consumer.schedulePollTask(forwarder::stop);

    forwarder.run();

    List<List<String>> posts = new ArrayList<>();
    for (List<AlertmanagerAlert> attempt : alertmanager.attempts) {
      posts.add(describe(attempt));
    }
    // b from the rebuild; a's FIRING is superseded; b again (harmless); a's RESOLVED.
    assertThat(posts).containsExactly(List.of("b firing"), List.of("b firing"), List.of("a resolved"));
    assertThat(posts).noneMatch(post -> post.contains("a firing"));
    assertThat(rebuilt).containsExactly(List.of(P0));
    assertThat(forwarder.stats().superseded()).isEqualTo(1);
    assertThat(forwarder.stats().active()).isEqualTo(1);
    assertThat(committed(P0)).isEqualTo(new OffsetAndMetadata(3));
  }

  @Test
  void afterARestartWithEverythingCommittedOnlyTheStillActiveAlertsArePosted() {
    history.put(P0, List.of(a, b, aResolved));
    AlertForwarder forwarder = forwarder(NO_WAIT);
    consumer.schedulePollTask(() -> assign(P0));
    consumer.schedulePollTask(() -> { });
    consumer.schedulePollTask(forwarder::stop);

    forwarder.run();

    assertThat(alertmanager.attempts).singleElement().satisfies(post -> assertThat(describe(post))
        .containsExactly("b firing"));
  }

  @Test
  void aBridgeRepostsOnlyTheAlertsOfItsOwnPartitions() {
    CostAlert c = TestAlerts.firing("c", "rerank");
    history.put(P0, List.of(a));
    history.put(P1, List.of(c));
    AlertForwarder forwarder = forwarder(NO_WAIT);
    consumer.schedulePollTask(() -> assign(P0, P1));
    consumer.schedulePollTask(() -> assign(P1));
    consumer.schedulePollTask(() -> clock.advance(REPOST));
    consumer.schedulePollTask(forwarder::stop);

    forwarder.run();

    List<List<String>> posts = new ArrayList<>();
    for (List<AlertmanagerAlert> attempt : alertmanager.attempts) {
      posts.add(describe(attempt));
    }
    assertThat(posts.get(0)).containsExactlyInAnyOrder("a firing", "c firing");
    assertThat(posts.subList(1, posts.size())).allSatisfy(post -> assertThat(post).containsExactly("c firing"));
    assertThat(forwarder.stats().active()).isEqualTo(1);
  }

  @Test
  void consumerSettingsKeepConsumerKeysAndTheirConsumerPrefixedOverrides() {
    Map<String, Object> mixed = Map.of(
        "bootstrap.servers", "kafka:9092",
        "security.protocol", "SASL_SSL",
        "processing.guarantee", "exactly_once_v2",
        "linger.ms", "5",
        "max.poll.records", "500",
        "consumer.max.poll.records", "50",
        "application.id", "burnrate");

    assertThat(AlertForwarder.consumerSettings(mixed)).containsOnly(
        Map.entry("bootstrap.servers", "kafka:9092"),
        Map.entry("security.protocol", "SASL_SSL"),
        Map.entry("max.poll.records", "50"));
  }

  /** A MockConsumer whose commits can be read after it was closed. */
  private static final class RecordingConsumer extends MockConsumer<String, byte[]> {
    final Map<TopicPartition, OffsetAndMetadata> lastCommitted = new java.util.concurrent.ConcurrentHashMap<>();

    RecordingConsumer() {
      super("earliest");
    }

    @Override
    public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
      super.commitSync(offsets);
      lastCommitted.putAll(offsets);
    }
  }

  /** A clock the test moves by hand. */
  private static final class TestClock extends Clock {
    private volatile Instant now;

    TestClock(Instant start) {
      now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
