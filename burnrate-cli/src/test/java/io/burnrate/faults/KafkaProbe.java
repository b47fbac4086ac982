package io.burnrate.faults;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * What the broker says about an application from the outside: committed offsets of its group, end
 * offsets of topics with and without open transactions, and which instance owns which partitions.
 */
final class KafkaProbe implements AutoCloseable {
  private static final long TIMEOUT_MS = 15_000;

  /** A consumer group: its state and, per member client id, the partitions it owns. */
  record Group(GroupState state, Map<String, Set<TopicPartition>> members) {}

  private final Admin admin;

  KafkaProbe(String bootstrapServers) {
    this.admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS));
  }

  void createTopics(Collection<String> topics, int partitions) {
    get(admin.createTopics(topics.stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList()).all(),
        "create " + topics);
  }

  /** Per partition of {@code topics}: the end offset, or with READ_COMMITTED the last stable offset. */
  Map<TopicPartition, Long> endOffsets(Collection<String> topics, IsolationLevel isolation) {
    Map<String, TopicDescription> described = get(admin.describeTopics(topics).allTopicNames(), "describe " + topics);
    Map<TopicPartition, OffsetSpec> latest = described.values().stream()
        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResultInfo> found =
        get(admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all(), "list offsets of " + topics);
    Map<TopicPartition, Long> ends = new TreeMap<>(KafkaProbe::byName);
    found.forEach((tp, info) -> ends.put(tp, info.offset()));
    return ends;
  }

  /**
   * Partitions of {@code topics} holding records of a transaction still open: their last stable offset
   * is behind their end offset, so a read_committed reader cannot pass it yet.
   */
  Set<TopicPartition> openTransactions(Collection<String> topics) {
    Map<TopicPartition, Long> stable = endOffsets(topics, IsolationLevel.READ_COMMITTED);
    Map<TopicPartition, Long> ends = endOffsets(topics, IsolationLevel.READ_UNCOMMITTED);
    Set<TopicPartition> open = new TreeSet<>(KafkaProbe::byName);
    ends.forEach((tp, end) -> {
      if (stable.get(tp) < end) {
        open.add(tp);
      }
    });
    return open;
  }

  /** The group's committed offsets (absent partitions: nothing committed). */
  Map<TopicPartition, Long> committed(String groupId) {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(), "offsets of group " + groupId);
    Map<TopicPartition, Long> out = new TreeMap<>(KafkaProbe::byName);
    offsets.forEach((tp, o) -> out.put(tp, o.offset()));
    return out;
  }

  /** Whether {@code groupId} has committed every record now in {@code inputs}. */
  boolean caughtUp(String groupId, Collection<String> inputs) {
    return behind(groupId, inputs).isEmpty();
  }

  /** Input partitions whose committed offset is behind the end offset: partition -> [committed, end]. */
  Map<TopicPartition, List<Long>> behind(String groupId, Collection<String> inputs) {
    Map<TopicPartition, Long> done = committed(groupId);
    Map<TopicPartition, List<Long>> behind = new TreeMap<>(KafkaProbe::byName);
    endOffsets(inputs, IsolationLevel.READ_UNCOMMITTED).forEach((tp, end) -> {
      long offset = done.getOrDefault(tp, 0L);
      if (offset < end) {
        behind.put(tp, List.of(offset, end));
      }
    });
    return behind;
  }

  Group group(String groupId) {
    ConsumerGroupDescription description =
        get(admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId), "describe group " + groupId);
    Map<String, Set<TopicPartition>> members = new HashMap<>();
    for (MemberDescription member : description.members()) {
      Set<TopicPartition> owned = new TreeSet<>(KafkaProbe::byName);
      owned.addAll(member.assignment().topicPartitions());
      members.merge(member.clientId(), owned, (a, b) -> {
        a.addAll(b);
        return a;
      });
    }
    return new Group(description.groupState(), members);
  }

  private static int byName(TopicPartition a, TopicPartition b) {
    int byTopic = a.topic().compareTo(b.topic());
    return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
  }

  private static <T> T get(Future<T> future, String what) {
    try {
      return future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + what, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the broker did not answer: " + what + ": " + e, e);
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
