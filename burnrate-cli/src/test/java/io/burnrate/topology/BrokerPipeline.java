package io.burnrate.topology;

import static org.awaitility.Awaitility.await;

import io.burnrate.app.BurnrateApp;
import io.burnrate.app.StreamsRunner;
import io.burnrate.config.BurnrateConfig;
import io.burnrate.config.TopicNames;
import io.burnrate.local.LocalStackExtension;
import io.burnrate.local.TestDirectories;
import io.burnrate.serde.HttpSchemaRegistryClient;
import io.burnrate.serde.RegistryClientSettings;
import io.burnrate.serde.SchemaRegistryClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One Burnrate instance on a {@link LocalStackExtension}'s broker and registry, with its own
 * {@code application.id} and a fresh state directory, both removed by {@link #close()}:
 *
 * <pre>{@code
 * try (BrokerPipeline pipeline = BrokerPipeline.start(LOCAL, "my-test", Map.of(), clock)) {
 *   ... produce ...
 *   pipeline.awaitCaughtUp(Duration.ofSeconds(60));
 *   ... read the outputs ...
 * }
 * }</pre>
 */
final class BrokerPipeline implements AutoCloseable {
  /** Metric updates every 200 ms of wall-clock time, so that a reader sees the last ones quickly. */
  static final String METRICS_INTERVAL_MS = "200";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

  private final String applicationId;
  private final Path stateDir;
  private final StreamsRunner runner;
  private final Admin admin;
  private final List<String> inputs;

  private BrokerPipeline(String applicationId, Path stateDir, StreamsRunner runner, Admin admin, List<String> inputs) {
    this.applicationId = applicationId;
    this.stateDir = stateDir;
    this.runner = runner;
    this.admin = admin;
    this.inputs = inputs;
  }

  /**
   * Starts the pipeline and waits until it runs. {@code overrides} are configuration keys on top of
   * the shipped defaults (a Burnrate key or a Kafka Streams key); {@code clock} is the wall clock the
   * pipeline judges future skew and replays by.
   */
  static BrokerPipeline start(
      LocalStackExtension local, String applicationId, Map<String, String> overrides, Clock clock) {
    Path stateDir = TestDirectories.create("burnrate-" + applicationId + "-");
    Map<String, String> settings = new HashMap<>();
    settings.put("bootstrap.servers", local.bootstrapServers());
    settings.put(BurnrateConfig.REGISTRY_URL, local.registryUrl());
    settings.put("application.id", applicationId);
    settings.put("state.dir", stateDir.toString());
    settings.put(BurnrateConfig.METRICS_INTERVAL, METRICS_INTERVAL_MS);
    settings.putAll(overrides);
    BurnrateConfig config = BurnrateConfig.of(settings);
    BurnrateApp app = new BurnrateApp(config, registry(local), new PipelineMetrics(new SimpleMeterRegistry()), clock);
    StreamsRunner runner = new StreamsRunner(app.topology(), app.streamsProperties(), CLOSE_TIMEOUT, state -> { });
    Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, local.bootstrapServers()));
    TopicNames topics = config.topics();
    BrokerPipeline pipeline = new BrokerPipeline(applicationId, stateDir, runner, admin,
        List.of(topics.requests(), topics.replicas(), topics.billing(), topics.endpointConfig()));
    try {
      runner.start();
      await("application " + applicationId + " running").atMost(START_TIMEOUT)
          .until(() -> runner.streams().state() == KafkaStreams.State.RUNNING);
    } catch (RuntimeException | Error e) {
      pipeline.close();
      throw e;
    }
    return pipeline;
  }

  /** A registry client of the stack's embedded registry, as producers and readers use it. */
  static SchemaRegistryClient registry(LocalStackExtension local) {
    return new HttpSchemaRegistryClient(RegistryClientSettings.forUrls(local.registryUrl()));
  }

  String applicationId() {
    return applicationId;
  }

  KafkaStreams.State state() {
    return runner.streams().state();
  }

  /**
   * Whether the pipeline has processed every input record now in the topics and committed its
   * outputs: under exactly-once the input offsets are committed in the same transaction as the
   * outputs they caused.
   */
  boolean caughtUp() {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
          .partitionsToOffsetAndMetadata().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : inputEndOffsets().entrySet()) {
        OffsetAndMetadata done = committed.get(end.getKey());
        if ((done == null ? 0 : done.offset()) < end.getValue().offset()) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the offsets of " + applicationId, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the offsets of " + applicationId + " or of its inputs " + inputs, e);
    }
  }

  /** Waits until {@link #caughtUp()}, failing after {@code timeout}. */
  void awaitCaughtUp(Duration timeout) {
    await("application " + applicationId + " caught up with " + inputs).atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> {
          if (state() != KafkaStreams.State.RUNNING && state() != KafkaStreams.State.REBALANCING) {
            throw new IllegalStateException("application " + applicationId + " is " + state());
          }
          return caughtUp();
        });
  }

  /** Stops processing and punctuation; the consumer keeps fetching into the tasks' buffers. */
  void pause() {
    runner.streams().pause();
  }

  void resume() {
    runner.streams().resume();
  }

  /**
   * Waits until the pipeline's consumer has fetched at least {@code records} records of each topic
   * (counted since start), so that a paused pipeline holds them all when it resumes.
   */
  void awaitFetched(Map<String, Long> records, Duration timeout) {
    await("application " + applicationId + " fetched " + records).atMost(timeout)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> records.entrySet().stream().allMatch(e -> consumed(e.getKey()) >= e.getValue()));
  }

  /** Records of {@code topic} the main consumer has handed to the stream threads. */
  private double consumed(String topic) {
    double total = 0;
    for (Map.Entry<MetricName, ? extends Metric> metric : runner.streams().metrics().entrySet()) {
      MetricName name = metric.getKey();
      String client = name.tags().getOrDefault("client-id", "");
      String tagged = name.tags().get("topic");
      if (name.name().equals("records-consumed-total") && name.group().equals("consumer-fetch-manager-metrics")
          && client.endsWith("-consumer") && !client.endsWith("-restore-consumer")
          && (topic.equals(tagged) || topic.replace('.', '_').equals(tagged))) {
        total += ((Number) metric.getValue().metricValue()).doubleValue();
      }
    }
    return total;
  }

  private Map<TopicPartition, ListOffsetsResultInfo> inputEndOffsets()
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, TopicDescription> described =
        admin.describeTopics(inputs).allTopicNames().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    Map<TopicPartition, OffsetSpec> latest = described.values().stream()
        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
    return admin.listOffsets(latest).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    try {
      runner.close();
    } finally {
      admin.close(ADMIN_TIMEOUT);
      TestDirectories.deleteRecursively(stateDir);
    }
  }
}
