package io.burnrate.bench;

import io.burnrate.config.BurnrateConfig;
import io.burnrate.config.TopicNames;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import io.burnrate.serde.AvroWireDeserializer;
import io.burnrate.serde.SchemaRegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Latency with live traffic: first the pass-through, then Burnrate, each on fresh topics stamped by the
 * broker (LogAppendTime), each while the same kind of traffic is sent at a fixed rate with breaches at
 * fixed instants. For Burnrate a breach's output is its RUNAWAY_SCALING alert; for the pass-through its
 * copy of the breaching event.
 */
public final class LatencyBench {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
  private static final Map<String, String> BROKER_TIMESTAMPS =
      Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");

  private final BenchCluster cluster;
  private final SchemaRegistryClient registry;
  private final Map<String, String> settings;
  private final Path stateRoot;
  private final BenchTopics names;
  private final BenchProgress progress;

  public LatencyBench(BenchCluster cluster, SchemaRegistryClient registry, Map<String, String> settings,
      Path stateRoot, BenchTopics names, BenchProgress progress) {
    this.cluster = cluster;
    this.registry = registry;
    this.settings = Map.copyOf(settings);
    this.stateRoot = stateRoot;
    this.names = names;
    this.progress = progress;
  }

  /** What the live runs send. */
  /** The live load: {@code warmUp} of it first, not measured, then {@code duration} measured. */
  public record Load(int endpoints, int rate, Duration warmUp, Duration duration, Duration breachEvery, int partitions) {}

  public LatencyReport run(Guarantee guarantee, Load load) throws InterruptedException {
    List<LatencyResult> results = new ArrayList<>();
    for (AppKind app : AppKind.values()) {
      results.add(measure(app, guarantee, load));
    }
    Map<String, Long> perTopic = new LinkedHashMap<>();
    perTopic.put(TopicNames.DEFAULTS.requests(), results.get(0).eventsSent() - results.get(0).breachesSent());
    perTopic.put(TopicNames.DEFAULTS.replicas(), results.get(0).breachesSent());
    PreparedInput shape = new PreparedInput(names.inputs("latency"), load.partitions(), load.endpoints(), Map.of(),
        perTopic, 0, java.time.Instant.EPOCH, java.time.Instant.EPOCH);
    Conditions conditions = ThroughputBench.conditions(shape, List.of(guarantee), 1, settings, cluster.embedded(),
        "none: live, event time the wall clock");
    return new LatencyReport(conditions, load, results);
  }

  private LatencyResult measure(AppKind app, Guarantee guarantee, Load load) throws InterruptedException {
    TopicNames inputs = names.inputs("latency-" + app.tag());
    cluster.createTopics(inputs.eventInputs(), load.partitions(), BROKER_TIMESTAMPS);
    cluster.createTopics(List.of(inputs.endpointConfig()), load.partitions(), Map.of(
        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    String applicationId = names.applicationId(app, guarantee, "latency");
    MeasuredRun run = MeasuredRun.create(app, guarantee, settings, inputs, names, applicationId, stateRoot, registry);
    cluster.createTopics(run.outputsByRole().values(), load.partitions(), BROKER_TIMESTAMPS);
    int breachReplicas = run.config().getInt(BurnrateConfig.DEFAULT_EXPECTED_MAX) + 1;
    try {
      run.start();
      awaitRunning(run);
      progress.step(String.format(Locale.ROOT, "%s %s live: %,d events/s for %s, a breach every %d ms",
          app.label(), guarantee.setting(), load.rate(), load.duration(), load.breachEvery().toMillis()));
      try (OutputWatch watch = watch(app, run, load.partitions())) {
        LiveTraffic.Sent sent = new LiveTraffic(cluster, registry, progress).send(inputs.requests(), inputs.replicas(),
            load.endpoints(), load.rate(), load.warmUp(), load.duration(), load.breachEvery(), breachReplicas);
        awaitOutputs(watch, sent, run);
        return result(app, guarantee, sent, watch.seen());
      }
    } finally {
      run.close();
      cluster.deleteTopics(run.outputsByRole().values(), List.of(applicationId + "-", names.prefix() + "latency-"
          + app.tag() + "."));
      cluster.deleteGroup(applicationId);
      ProcessProbe.deleteRecursively(run.stateDir());
    }
  }

  private OutputWatch watch(AppKind app, MeasuredRun run, int partitions) {
    if (app == AppKind.BASELINE) {
      return new OutputWatch(cluster, run.outputsByRole().get(TopicNames.DEFAULTS.replicas()), partitions,
          record -> record.key().startsWith(LiveTraffic.BREACH_PREFIX));
    }
    AvroWireDeserializer<CostAlert> alerts = new AvroWireDeserializer<>(registry, CostAlert.class);
    String topic = run.outputsByRole().get(TopicNames.DEFAULTS.alerts());
    return new OutputWatch(cluster, topic, partitions, record -> {
      if (!record.key().startsWith(LiveTraffic.BREACH_PREFIX)) {
        return false;
      }
      CostAlert alert = alerts.deserialize(topic, record.value());
      return alert.getRule() == AlertRule.RUNAWAY_SCALING && alert.getStatus() == AlertStatus.FIRING;
    });
  }

  private void awaitRunning(MeasuredRun run) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (run.streams().state() != KafkaStreams.State.RUNNING) {
      if (run.failure() != null) {
        throw new IllegalStateException(run.applicationId() + " failed to start: " + run.failure());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(run.applicationId() + " was not RUNNING within " + START_TIMEOUT.toSeconds()
            + " s (state " + run.streams().state() + ")");
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  private void awaitOutputs(OutputWatch watch, LiveTraffic.Sent sent, MeasuredRun run) throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    while (!watch.seen().keySet().containsAll(sent.breachAppends().keySet()) && System.nanoTime() < deadline) {
      if (run.failure() != null) {
        throw new IllegalStateException(run.applicationId() + " failed during the live run: " + run.failure());
      }
      if (watch.failure() != null) {
        throw new IllegalStateException("reading the output of " + run.applicationId() + " failed: "
            + watch.failure().getMessage(), watch.failure());
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  static LatencyResult result(AppKind app, Guarantee guarantee, LiveTraffic.Sent sent, Map<String, OutputWatch.Seen> seen) {
    List<Long> appendToAppend = new ArrayList<>();
    List<Long> appendToVisible = new ArrayList<>();
    sent.breachAppends().forEach((endpoint, appendedAt) -> {
      OutputWatch.Seen output = seen.get(endpoint);
      if (output != null) {
        appendToAppend.add(output.appendedAt() - appendedAt);
        appendToVisible.add(output.arrivedAt() - appendedAt);
      }
    });
    return new LatencyResult(app, guarantee, sent.breaches(), appendToAppend.size(), sent.events(), sent.achievedRate(),
        Percentiles.of(appendToAppend), Percentiles.of(appendToVisible));
  }
}
