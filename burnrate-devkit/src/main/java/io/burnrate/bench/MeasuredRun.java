package io.burnrate.bench;

import io.burnrate.app.BrokerBacklogWatch;
import io.burnrate.app.BurnrateApp;
import io.burnrate.config.BurnrateConfig;
import io.burnrate.config.TopicNames;
import io.burnrate.serde.SchemaRegistryClient;
import io.burnrate.topology.PipelineMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * One application of one run, not yet started: Burnrate (the whole pipeline, as {@code burnrate run}
 * builds it, without the HTTP server) or the pass-through, over the same input with the same Kafka
 * Streams settings, its own application id, state folder and output topics.
 */
final class MeasuredRun implements AutoCloseable {
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

  private final AppKind app;
  private final String applicationId;
  private final Path stateDir;
  private final BurnrateConfig config;
  private final Map<String, String> outputsByRole;
  private final KafkaStreams streams;
  private final Properties properties;
  private BrokerBacklogWatch backlogWatch;
  private final AtomicReference<String> failure = new AtomicReference<>();
  private final java.util.concurrent.atomic.AtomicLong runningAt = new java.util.concurrent.atomic.AtomicLong(-1);

  private MeasuredRun(AppKind app, String applicationId, Path stateDir, BurnrateConfig config,
      Map<String, String> outputsByRole, Topology topology, Properties props) {
    this.app = app;
    this.applicationId = applicationId;
    this.stateDir = stateDir;
    this.config = config;
    this.outputsByRole = outputsByRole;
    this.streams = new KafkaStreams(topology, props);
    this.properties = props;
    streams.setUncaughtExceptionHandler(error -> {
      failure.compareAndSet(null, error.toString());
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    streams.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.RUNNING) {
        runningAt.compareAndSet(-1, System.nanoTime());
      }
      if (now == KafkaStreams.State.ERROR) {
        failure.compareAndSet(null, "Kafka Streams went from " + before + " to ERROR");
      }
    });
  }

  /**
   * @param settings the bench's settings (bootstrap servers, registry, anything given with --set)
   * @param inputs the prepared topics the application reads
   * @param applicationId new for every run
   * @param stateRoot the run's state folder is {@code stateRoot/applicationId}
   */
  static MeasuredRun create(AppKind app, Guarantee guarantee, Map<String, String> settings, TopicNames inputs,
      BenchTopics names, String applicationId, Path stateRoot, SchemaRegistryClient registry) {
    TopicNames topics = names.burnrateTopics(inputs, applicationId);
    Map<String, String> all = new HashMap<>(settings);
    all.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    all.put(StreamsConfig.STATE_DIR_CONFIG, stateRoot.toString());
    all.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee.setting());
    all.put(BurnrateConfig.TOPIC_REQUESTS, topics.requests());
    all.put(BurnrateConfig.TOPIC_REPLICAS, topics.replicas());
    all.put(BurnrateConfig.TOPIC_BILLING, topics.billing());
    all.put(BurnrateConfig.TOPIC_CONFIG, topics.endpointConfig());
    all.put(BurnrateConfig.TOPIC_ALERTS, topics.alerts());
    all.put(BurnrateConfig.TOPIC_COMMANDS, topics.commands());
    all.put(BurnrateConfig.TOPIC_METRICS, topics.hourlyMetrics());
    all.put(BurnrateConfig.TOPIC_DLQ, topics.deadLetters());
    BurnrateConfig config = BurnrateConfig.of(all);
    Path stateDir = stateRoot.resolve(applicationId);
    if (app == AppKind.BURNRATE) {
      TopicNames d = TopicNames.DEFAULTS;
      Map<String, String> outputs = new LinkedHashMap<>();
      outputs.put(d.alerts(), topics.alerts());
      outputs.put(d.commands(), topics.commands());
      outputs.put(d.hourlyMetrics(), topics.hourlyMetrics());
      outputs.put(d.deadLetters(), topics.deadLetters());
      BurnrateApp burnrate = new BurnrateApp(config, registry,
          new PipelineMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)), Clock.systemUTC());
      return new MeasuredRun(app, applicationId, stateDir, config, outputs, burnrate.topology(),
          burnrate.streamsProperties());
    }
    TopicNames d = TopicNames.DEFAULTS;
    Map<String, String> roleToInput = new LinkedHashMap<>();
    roleToInput.put(d.requests(), inputs.requests());
    roleToInput.put(d.replicas(), inputs.replicas());
    roleToInput.put(d.billing(), inputs.billing());
    Map<String, String> outputs = new LinkedHashMap<>();
    Map<String, String> outputOf = new LinkedHashMap<>();
    roleToInput.forEach((role, input) -> {
      String output = names.passThroughOutput(applicationId, role);
      outputs.put(role, output);
      outputOf.put(input, output);
    });
    Properties props = config.kafkaProperties();
    props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
    props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
    return new MeasuredRun(app, applicationId, stateDir, config, outputs, PassThroughApp.topology(outputOf), props);
  }

  AppKind app() {
    return app;
  }

  String applicationId() {
    return applicationId;
  }

  Path stateDir() {
    return stateDir;
  }

  BurnrateConfig config() {
    return config;
  }

  /** Output topics, keyed by their role. */
  Map<String, String> outputsByRole() {
    return outputsByRole;
  }

  /**
   * How long the outputs must stay still before the run counts as settled: for Burnrate, after its last
   * records waited for the input that fell silent first, and their metrics were sent.
   */
  Duration quietPeriod() {
    long commit = Long.parseLong(config.kafkaProperties().getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200"));
    long pacing = app == AppKind.BURNRATE
        ? config.getLong(BurnrateConfig.METRICS_INTERVAL) + config.getLong(BurnrateConfig.INPUT_IDLE) : 0;
    return Duration.ofMillis(pacing + 2 * commit + 500);
  }

  void start() {
    streams.start();
    backlogWatch = BrokerBacklogWatch.start(properties);
  }

  KafkaStreams streams() {
    return streams;
  }

  /** {@link System#nanoTime()} when the application first reached RUNNING, or -1. */
  long runningAtNanos() {
    return runningAt.get();
  }

  /** What went wrong, or null while the application runs. */
  String failure() {
    return failure.get();
  }

  @Override
  public void close() {
    if (backlogWatch != null) {
      backlogWatch.close();
    }
    streams.close(CloseOptions.timeout(CLOSE_TIMEOUT));
  }
}
