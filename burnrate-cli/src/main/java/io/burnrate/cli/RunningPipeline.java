package io.burnrate.cli;

import io.burnrate.app.BurnrateApp;
import io.burnrate.app.RegistryStartupCheck;
import io.burnrate.app.StreamsRunner;
import io.burnrate.config.BurnrateConfig;
import io.burnrate.http.BurnrateHttpServer;
import io.burnrate.http.MeterBindings;
import io.burnrate.app.ContractTopics;
import io.burnrate.serde.SchemaRegistryClient;
import io.burnrate.topology.PipelineMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The pipeline with its HTTP endpoint and meters, started and not waited for: {@code burnrate run}
 * waits on it, {@code burnrate demo} drives traffic through it meanwhile.
 */
final class RunningPipeline implements AutoCloseable {
  private final AutoCloseable jvmMeters;
  private final BurnrateHttpServer http;
  private final StreamsRunner runner;
  private final AutoCloseable streamsMeters;
  private final Properties streamsProperties;

  private RunningPipeline(AutoCloseable jvmMeters, BurnrateHttpServer http, StreamsRunner runner,
      AutoCloseable streamsMeters, Properties streamsProperties) {
    this.jvmMeters = jvmMeters;
    this.http = http;
    this.runner = runner;
    this.streamsMeters = streamsMeters;
    this.streamsProperties = streamsProperties;
  }

  /**
   * Checks the schema registry (reachable, every subject usable) and that the inputs are
   * co-partitioned, starts the HTTP endpoint, then Kafka Streams.
   */
  static RunningPipeline start(BurnrateConfig config, Duration closeTimeout, Consumer<KafkaStreams.State> onState)
      throws Exception {
    SchemaRegistryClient registry = RunCommand.registryClient(config);
    new RegistryStartupCheck(registry, config.registryUrl(),
        Duration.ofMillis(config.getLong(BurnrateConfig.REGISTRY_STARTUP_TIMEOUT)))
        .run(RegistryStartupCheck.expectations(config.topics(), config.getBoolean(BurnrateConfig.AUTO_REGISTER)));
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    BurnrateApp app = new BurnrateApp(config, registry, new PipelineMetrics(meters), Clock.systemUTC());
    Properties props = app.streamsProperties();
    try (Admin admin = Admin.create(asMap(props))) {
      ContractTopics.requireCoPartitioned(admin, config.topics());
    }
    AutoCloseable jvmMeters = MeterBindings.bindJvm(meters);
    BurnrateHttpServer http = new BurnrateHttpServer(config.getString(BurnrateConfig.HTTP_HOST),
        config.getInt(BurnrateConfig.HTTP_PORT), meters, config.pipeline()).start();
    try {
      // Other instances forward queries for the keys this one owns to this address.
      props.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG, http.advertisedAddress());
      HostInfo self = HostInfo.buildFromEndpoint(props.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG));
      StreamsRunner runner = new StreamsRunner(app.topology(), props, closeTimeout, state -> {
        http.onStreamsState(state);
        onState.accept(state);
      });
      AutoCloseable streamsMeters = MeterBindings.bindKafkaStreams(runner.streams(), meters);
      http.attach(runner.streams(), self);
      runner.start();
      return new RunningPipeline(jvmMeters, http, runner, streamsMeters, props);
    } catch (Exception | Error e) {
      http.close();
      jvmMeters.close();
      throw e;
    }
  }

  KafkaStreams streams() {
    return runner.streams();
  }

  BurnrateHttpServer http() {
    return http;
  }

  Properties streamsProperties() {
    return streamsProperties;
  }

  boolean failed() {
    return runner.streams().state() == KafkaStreams.State.ERROR;
  }

  @Override
  public void close() throws Exception {
    try {
      runner.close();
      streamsMeters.close();
    } finally {
      http.close();
      jvmMeters.close();
    }
  }

  static Map<String, Object> asMap(Properties props) {
    Map<String, Object> map = new HashMap<>();
    props.forEach((k, v) -> map.put(String.valueOf(k), v));
    return map;
  }
}
