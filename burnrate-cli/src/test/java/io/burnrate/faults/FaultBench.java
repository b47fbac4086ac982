package io.burnrate.faults;

import static org.awaitility.Awaitility.await;

import io.burnrate.config.BurnrateConfig;
import io.burnrate.config.TopicNames;
import io.burnrate.serde.HttpSchemaRegistryClient;
import io.burnrate.serde.RegistryClientSettings;
import io.burnrate.serde.SchemaRegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * The stage of a fault test: the broker and registry in a child JVM, Burnrate instances in theirs, a
 * producer of the day's input, a probe of the broker, and the fault-free reference run. Closing it
 * kills whatever still runs.
 */
final class FaultBench implements AutoCloseable {
  static final TopicNames TOPICS = TopicNames.DEFAULTS;
  /**
   * How long an instance's request or replica input may be silent before the other goes on without it:
   * longer than the stalls of the tests' skewed producers, which are longer than Kafka Streams' own wait
   * ({@code max.task.idle.ms}, 1 s) that alone would let the other input run ahead.
   */
  static final Duration INPUT_IDLE = Duration.ofSeconds(4);
  /**
   * How long outputs must stand still before a run counts as settled: a task revived after a fault
   * counts its inputs as heard from its revival, so its first records may wait the idle time, go out at
   * the next release check (every quarter of it) and still be processed; twice the idle time covers
   * that with room, plus a stream thread's last metric update and commit.
   */
  private static final Duration QUIET = INPUT_IDLE.multipliedBy(2).plusMillis(1500);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final Path workDir;
  private final LocalBroker broker;
  private final KafkaProbe probe;
  private final SchemaRegistryClient registry;
  private final InputProducer producer;
  private final FaultDay day = new FaultDay();
  private final List<BurnrateInstance> instances = new ArrayList<>();

  private FaultBench(Path workDir, LocalBroker broker) {
    this.workDir = workDir;
    this.broker = broker;
    this.probe = new KafkaProbe(broker.bootstrapServers());
    this.registry = new HttpSchemaRegistryClient(RegistryClientSettings.forUrls(broker.registryUrl()));
    this.producer = new InputProducer(broker.bootstrapServers(), registry);
  }

  /** Starts the broker and registry, with {@link FaultDay#PARTITIONS} partitions per topic, and sends the settings. */
  static FaultBench start(Path workDir) {
    LocalBroker broker = new LocalBroker(workDir, FaultDay.PARTITIONS);
    try {
      broker.start();
      FaultBench bench = new FaultBench(workDir, broker);
      bench.producer.sendConfigs(bench.day.configs());
      return bench;
    } catch (RuntimeException | Error e) {
      broker.close();
      throw e;
    }
  }

  FaultDay day() {
    return day;
  }

  LocalBroker broker() {
    return broker;
  }

  KafkaProbe probe() {
    return probe;
  }

  InputProducer producer() {
    return producer;
  }

  /**
   * A Burnrate instance of {@code applicationId} on this broker (not started). Its consumer leaves the
   * group 6 s after it dies, so that a killed instance's partitions move on quickly; metrics are updated
   * every 200 ms.
   */
  BurnrateInstance instance(String name, String applicationId, Map<String, String> overrides, Duration closeTimeout) {
    Map<String, String> settings = new HashMap<>();
    settings.put("bootstrap.servers", broker.bootstrapServers());
    settings.put(BurnrateConfig.REGISTRY_URL, broker.registryUrl());
    settings.put("application.id", applicationId);
    settings.put("session.timeout.ms", "6000");
    settings.put("heartbeat.interval.ms", "1500");
    settings.put(BurnrateConfig.METRICS_INTERVAL, "200");
    settings.put(BurnrateConfig.INPUT_IDLE, String.valueOf(INPUT_IDLE.toMillis()));
    settings.putAll(overrides);
    BurnrateInstance instance = new BurnrateInstance(name, workDir, settings, closeTimeout);
    instances.add(instance);
    return instance;
  }

  /** The inputs whose committed offsets say how far an application got. */
  static List<String> inputs() {
    return List.of(TOPICS.requests(), TOPICS.replicas(), TOPICS.billing(), TOPICS.endpointConfig());
  }

  static List<String> outputs(TopicNames topics) {
    return List.of(topics.alerts(), topics.commands(), topics.hourlyMetrics(), topics.deadLetters());
  }

  /**
   * Waits until exactly {@code members} form the group of {@code applicationId}, it is stable, and each
   * owns partitions: the instances share the work.
   */
  void awaitSharing(String applicationId, Duration timeout, BurnrateInstance... members) {
    await(Arrays.toString(names(members)) + " sharing " + applicationId).atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> {
          Arrays.stream(members).forEach(BurnrateInstance::requireAlive);
          KafkaProbe.Group group = probe.group(applicationId);
          if (group.state() != GroupState.STABLE || group.members().size() != members.length) {
            return false;
          }
          return Arrays.stream(members).allMatch(m -> !owned(group, m).isEmpty());
        });
  }

  /** The partitions {@code instance} owns in {@code group}. */
  static Set<TopicPartition> owned(KafkaProbe.Group group, BurnrateInstance instance) {
    return group.members().entrySet().stream()
        .filter(e -> e.getKey().startsWith(instance.name() + "-StreamThread-"))
        .flatMap(e -> e.getValue().stream())
        .collect(Collectors.toSet());
  }

  /**
   * Waits until {@code applicationId} has committed every input record, no transaction is open on
   * {@code topics}' outputs (each partition's last stable offset is its end offset), and nothing has
   * been written to them for a while (the last metric updates follow the last record).
   */
  void awaitSettled(String applicationId, TopicNames topics, Duration timeout, BurnrateInstance... running) {
    List<String> outputs = outputs(topics);
    AtomicReference<Map<TopicPartition, Long>> last = new AtomicReference<>(Map.of());
    long[] since = {System.nanoTime()};
    await(applicationId + " settled: inputs committed, no open transaction, outputs quiet").atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> {
          Arrays.stream(running).forEach(BurnrateInstance::requireAlive);
          Map<TopicPartition, Long> ends = probe.endOffsets(outputs, IsolationLevel.READ_UNCOMMITTED);
          if (!ends.equals(last.getAndSet(ends))) {
            since[0] = System.nanoTime();
            return false;
          }
          return System.nanoTime() - since[0] >= QUIET.toNanos()
              && probe.openTransactions(outputs).isEmpty()
              && probe.caughtUp(applicationId, inputs());
        });
  }

  /**
   * Waits until {@code applicationId}'s outputs have stopped growing while a transaction on them is
   * still open: the records are processed, their outputs written, nothing committed yet.
   */
  void awaitProcessedNotCommitted(TopicNames topics, Duration timeout, BurnrateInstance running) {
    List<String> outputs = outputs(topics);
    AtomicReference<Map<TopicPartition, Long>> last = new AtomicReference<>(Map.of());
    long[] since = {System.nanoTime()};
    await("outputs written and at rest inside an open transaction").atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> {
          running.requireAlive();
          Map<TopicPartition, Long> ends = probe.endOffsets(outputs, IsolationLevel.READ_UNCOMMITTED);
          if (!ends.equals(last.getAndSet(ends))) {
            since[0] = System.nanoTime();
            return false;
          }
          return System.nanoTime() - since[0] >= QUIET.toNanos() && !probe.openTransactions(outputs).isEmpty();
        });
  }

  RunOutputs read(TopicNames topics) {
    return RunOutputs.read(broker.bootstrapServers(), registry, topics, READ_TIMEOUT);
  }

  /**
   * The fault-free run: one instance of a fresh application on the same input, from offset 0, writing
   * to outputs of its own ({@code ref.<topic>}), run until settled and stopped.
   */
  RunOutputs referenceRun(String applicationId) {
    TopicNames refTopics = new TopicNames(TOPICS.requests(), TOPICS.replicas(), TOPICS.billing(),
        TOPICS.endpointConfig(), "ref." + TOPICS.alerts(), "ref." + TOPICS.commands(),
        "ref." + TOPICS.hourlyMetrics(), "ref." + TOPICS.deadLetters(), TOPICS.schemas());
    probe.createTopics(outputs(refTopics), FaultDay.PARTITIONS);
    Map<String, String> outputs = Map.of(
        BurnrateConfig.TOPIC_ALERTS, refTopics.alerts(),
        BurnrateConfig.TOPIC_COMMANDS, refTopics.commands(),
        BurnrateConfig.TOPIC_METRICS, refTopics.hourlyMetrics(),
        BurnrateConfig.TOPIC_DLQ, refTopics.deadLetters());
    try (BurnrateInstance reference = instance("reference", applicationId, outputs, Duration.ofSeconds(30))) {
      reference.start();
      awaitSettled(applicationId, refTopics, Duration.ofSeconds(90), reference);
      return read(refTopics);
    }
  }

  private static String[] names(BurnrateInstance... members) {
    return Arrays.stream(members).map(BurnrateInstance::name).toArray(String[]::new);
  }

  @Override
  public void close() {
    try {
      Stream.of(instances.toArray(BurnrateInstance[]::new)).forEach(BurnrateInstance::close);
      producer.close();
      probe.close();
    } finally {
      broker.close();
    }
  }
}
