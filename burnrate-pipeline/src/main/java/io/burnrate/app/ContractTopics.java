package io.burnrate.app;

import io.burnrate.config.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics of the contract (docs/contract.md) and checks that the event inputs are
 * co-partitioned. Creating is idempotent: topics that exist are kept as they are.
 */
public final class ContractTopics {

  private static final Logger log = LoggerFactory.getLogger(ContractTopics.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration METADATA_WAIT = Duration.ofSeconds(5);
  private static final Duration METADATA_POLL = Duration.ofMillis(100);

  private final Admin admin;
  private final TopicNames names;

  public ContractTopics(Admin admin, TopicNames names) {
    this.admin = Objects.requireNonNull(admin, "admin");
    this.names = Objects.requireNonNull(names, "names");
  }

  /**
   * What {@link #ensure(int)} found and did.
   *
   * @param created topics this call created
   * @param partitions partition count of every pipeline topic, in contract order
   * @param warnings one line per existing input topic whose partition count differs from the one asked for
   */
  public record Outcome(List<String> created, Map<String, Integer> partitions, List<String> warnings) {
    public Outcome {
      created = List.copyOf(created);
      partitions = Collections.unmodifiableMap(new LinkedHashMap<>(partitions));
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Creates every pipeline topic that does not exist yet with {@code partitions} partitions (a missing
   * input topic with as many as the existing inputs) and the broker's default replication factor
   * ({@code endpoint.config} compacted), then checks that the four inputs are co-partitioned.
   *
   * @return the created topics, the partition count of every pipeline topic, and a warning for
   *     each existing input topic whose count differs from {@code partitions}
   * @throws IllegalStateException when the inputs' partition counts differ
   */
  public Outcome ensure(int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
    List<String> wanted = names.pipelineTopics();
    Set<String> existing = get(admin.listTopics().names(), "list topics");
    // A missing input joins the inputs that exist, so that the four stay co-partitioned.
    int inputPartitions = inputs().stream().filter(existing::contains).findFirst()
        .map(topic -> partitionCounts(admin, List.of(topic)).get(topic)).orElse(partitions);
    List<NewTopic> missing = wanted.stream()
        .filter(topic -> !existing.contains(topic))
        .map(topic -> newTopic(topic, inputs().contains(topic) ? inputPartitions : partitions))
        .toList();
    List<String> created = create(missing);

    Map<String, Integer> counts = partitionCounts(admin, wanted);
    List<String> warnings = new ArrayList<>();
    for (String input : inputs()) {
      int actual = counts.get(input);
      if (!created.contains(input) && actual != partitions) {
        String warning = "topic " + input + " already exists with " + actual + " partitions, not the "
            + partitions + " asked for; it is kept as it is";
        log.warn(warning);
        warnings.add(warning);
      }
    }
    requireCoPartitioned(admin, names);
    if (!created.isEmpty()) {
      log.info("Created topics {} with {} partitions", created, partitions);
    }
    return new Outcome(created, counts, warnings);
  }

  /**
   * Throws when the four inputs (three event topics and {@code endpoint.config}) do not all have the
   * same number of partitions (or one of them does not exist): records of one endpoint must meet in one
   * task.
   */
  public static void requireCoPartitioned(Admin admin, TopicNames names) {
    List<String> inputs = new ArrayList<>(names.eventInputs());
    inputs.add(names.endpointConfig());
    Map<String, Integer> counts = partitionCounts(admin, inputs);
    if (counts.values().stream().distinct().count() > 1) {
      String listing = counts.entrySet().stream()
          .map(entry -> entry.getKey() + "=" + entry.getValue())
          .collect(Collectors.joining(", "));
      throw new IllegalStateException("the input topics must have the same number of partitions, so that "
          + "one endpoint's records meet in one task, but they have " + listing
          + "; recreate them with one partition count");
    }
  }

  private List<String> inputs() {
    List<String> inputs = new ArrayList<>(names.eventInputs());
    inputs.add(names.endpointConfig());
    return inputs;
  }

  private NewTopic newTopic(String topic, int partitions) {
    NewTopic newTopic = new NewTopic(topic, Optional.of(partitions), Optional.empty());
    if (names.compacted().contains(topic)) {
      newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }
    return newTopic;
  }

  private List<String> create(List<NewTopic> topics) {
    List<String> created = new ArrayList<>();
    if (topics.isEmpty()) {
      return created;
    }
    Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
    for (NewTopic topic : topics) {
      try {
        get(results.get(topic.name()), "create topic " + topic.name());
        created.add(topic.name());
      } catch (TopicAdminException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
    return created;
  }

  /** Describes the topics, waiting a little for ones just created to reach the broker's metadata. */
  private static Map<String, Integer> partitionCounts(Admin admin, List<String> topics) {
    long deadline = System.nanoTime() + METADATA_WAIT.toNanos();
    while (true) {
      Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(topics).topicNameValues();
      Map<String, Integer> counts = new LinkedHashMap<>();
      String missing = null;
      for (String topic : topics) {
        try {
          counts.put(topic, get(descriptions.get(topic), "describe topic " + topic).partitions().size());
        } catch (TopicAdminException e) {
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
            throw e;
          }
          missing = missing == null ? topic : missing;
        }
      }
      if (missing == null) {
        return counts;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topic " + missing + " does not exist; create the contract's topics first");
      }
      pause(METADATA_POLL);
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicAdminException("interrupted while waiting for topic metadata", e);
    }
  }

  private static <T> T get(KafkaFuture<T> future, String what) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new TopicAdminException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new TopicAdminException("cannot " + what + ": no answer from the broker within " + TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicAdminException("interrupted while waiting to " + what, e);
    }
  }

  /** An admin request about a topic failed; the cause is Kafka's exception. */
  public static final class TopicAdminException extends RuntimeException {
    TopicAdminException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
