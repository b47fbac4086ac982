package io.burnrate.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The bench's view of the cluster: its address, the registry's, and the admin requests the bench makes
 * (create and delete its own topics, end offsets, a group's committed offsets). Every topic it creates
 * keeps its records (no time-based retention: the simulated input lies in the past).
 */
public final class BenchCluster implements AutoCloseable {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final String bootstrapServers;
  private final String registryUrl;
  private final boolean embedded;
  private final Map<String, String> clientSettings;
  private final Admin admin;

  /**
   * @param clientSettings settings every client of the bench gets (security, for example), bootstrap
   *     servers included
   */
  public BenchCluster(String bootstrapServers, String registryUrl, boolean embedded, Map<String, String> clientSettings) {
    this.bootstrapServers = bootstrapServers;
    this.registryUrl = registryUrl;
    this.embedded = embedded;
    Map<String, String> settings = new HashMap<>(clientSettings);
    settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    this.clientSettings = Map.copyOf(settings);
    Map<String, Object> adminConfig = new HashMap<>();
    for (String name : AdminClientConfig.configNames()) {
      if (settings.containsKey(name)) {
        adminConfig.put(name, settings.get(name));
      }
    }
    this.admin = Admin.create(adminConfig);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String registryUrl() {
    return registryUrl;
  }

  /** True when the broker runs inside this JVM. */
  public boolean embedded() {
    return embedded;
  }

  /** Settings for any client: bootstrap servers and whatever else was given (security). */
  public Map<String, String> clientSettings() {
    return clientSettings;
  }

  /** Creates the topics (an existing one is an error: the bench's topic names are new per run). */
  public void createTopics(Collection<String> names, int partitions, Map<String, String> configs) {
    List<NewTopic> topics = new ArrayList<>();
    for (String name : names) {
      Map<String, String> all = new HashMap<>(configs);
      all.putIfAbsent(TopicConfig.RETENTION_MS_CONFIG, "-1");
      topics.add(new NewTopic(name, partitions, (short) -1).configs(all));
    }
    try {
      admin.createTopics(topics).all().get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        throw new IllegalStateException("topic " + e.getCause().getMessage() + " exists already: the bench creates its"
            + " own topics; delete the leftovers of an earlier bench (names starting with bench-)", e.getCause());
      }
      throw failure("creating topics " + names, e);
    } catch (InterruptedException | TimeoutException e) {
      throw failure("creating topics " + names, e);
    }
    awaitOffsets(names, partitions);
  }

  /**
   * A topic just created may be unknown to the next request for a moment: wait until every partition has
   * a leader (asking for its description, which fails quietly, unlike an offsets request).
   */
  private void awaitOffsets(Collection<String> names, int partitions) {
    long deadline = System.nanoTime() + REQUEST_TIMEOUT.toNanos();
    while (true) {
      try {
        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
            .get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (described.values().stream().allMatch(d -> d.partitions().size() == partitions
            && d.partitions().stream().allMatch(p -> p.leader() != null))) {
          return;
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
          throw failure("waiting for topics " + names, e);
        }
      } catch (TimeoutException e) {
        throw failure("waiting for topics " + names, e);
      } catch (InterruptedException e) {
        throw failure("waiting for topics " + names, e);
      }
      if (System.nanoTime() > deadline) {
        throw new KafkaException("topics " + names + " have no leader for every partition after "
            + REQUEST_TIMEOUT.toSeconds() + " s on " + bootstrapServers);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(100);
      } catch (InterruptedException e) {
        throw failure("waiting for topics " + names, e);
      }
    }
  }

  /** Deletes the topics that exist among {@code names}, and every topic whose name starts with a prefix given. */
  public void deleteTopics(Collection<String> names, Collection<String> prefixes) {
    List<String> doomed = new ArrayList<>();
    try {
      for (String topic : admin.listTopics().names().get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        if (names.contains(topic) || prefixes.stream().anyMatch(topic::startsWith)) {
          doomed.add(topic);
        }
      }
      if (!doomed.isEmpty()) {
        admin.deleteTopics(doomed).all().get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
        throw failure("deleting topics " + doomed, e);
      }
    } catch (InterruptedException | TimeoutException e) {
      throw failure("deleting topics " + doomed, e);
    }
  }

  /**
   * Deletes the group if the broker lets it: a Kafka Streams member does not leave its group on close,
   * so the group usually outlives the run until its session times out, and is then left for the
   * broker's offset retention to remove.
   */
  public void deleteGroup(String groupId) {
    try {
      admin.deleteConsumerGroups(List.of(groupId)).all().get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof GroupIdNotFoundException) && !(e.getCause() instanceof GroupNotEmptyException)) {
        throw failure("deleting consumer group " + groupId, e);
      }
    } catch (InterruptedException | TimeoutException e) {
      throw failure("deleting consumer group " + groupId, e);
    }
  }

  /** The end offset of every partition of the topics, as a read_committed reader sees it (the last stable offset). */
  public Map<TopicPartition, Long> committedEndOffsets(Collection<String> topics, int partitions) {
    Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
    for (String topic : topics) {
      for (int p = 0; p < partitions; p++) {
        request.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
    }
    try {
      Map<TopicPartition, Long> ends = new LinkedHashMap<>();
      admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
          .get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
          .forEach((partition, info) -> ends.put(partition, info.offset()));
      return ends;
    } catch (ExecutionException | InterruptedException | TimeoutException e) {
      throw failure("reading the end offsets of " + topics, e);
    }
  }

  /** The group's committed offsets (empty when the group has committed nothing yet). */
  public Map<TopicPartition, Long> committedOffsets(String groupId) {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
          .partitionsToOffsetAndMetadata().get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      Map<TopicPartition, Long> out = new HashMap<>();
      offsets.forEach((partition, offset) -> {
        if (offset != null) {
          out.put(partition, offset.offset());
        }
      });
      return out;
    } catch (ExecutionException | InterruptedException | TimeoutException e) {
      throw failure("reading the committed offsets of group " + groupId, e);
    }
  }

  private KafkaException failure(String what, Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return new KafkaException(what + " on " + bootstrapServers + " failed: " + cause.getMessage()
        + "; check that the cluster is reachable and the bench's principal may manage topics", cause);
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(10));
  }
}
