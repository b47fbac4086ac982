package io.burnrate.http;

import io.burnrate.app.BurnrateApp;
import io.burnrate.app.StreamsRunner;
import io.burnrate.config.BurnrateConfig;
import io.burnrate.local.TestDirectories;
import io.burnrate.serde.HttpSchemaRegistryClient;
import io.burnrate.serde.RegistryClientSettings;
import io.burnrate.topology.PipelineMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * One Burnrate instance on the embedded broker, wired as {@code burnrate run} wires it: HTTP server
 * first on a free loopback port, advertised as {@code application.server}, then Kafka Streams with
 * its meters. Not started until {@link #start()}.
 */
final class RunningInstance implements AutoCloseable {
  final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final BurnrateHttpServer http;
  final StreamsRunner runner;
  final Client client;
  final HostInfo self;
  private final AutoCloseable jvmMeters;
  private final AutoCloseable streamsMeters;
  private final Path stateDir;

  RunningInstance(String bootstrapServers, String registryUrl, String applicationId) {
    stateDir = TestDirectories.create("burnrate-http-it-");
    BurnrateConfig config = BurnrateConfig.of(Map.of(
        "bootstrap.servers", bootstrapServers,
        BurnrateConfig.REGISTRY_URL, registryUrl,
        "application.id", applicationId,
        "state.dir", stateDir.toString(),
        BurnrateConfig.REPLAY_LAG, "0",
        BurnrateConfig.HTTP_PORT, "0"));
    BurnrateApp app = new BurnrateApp(config,
        new HttpSchemaRegistryClient(RegistryClientSettings.forUrls(registryUrl)), new PipelineMetrics(meters),
        Clock.systemUTC());
    jvmMeters = MeterBindings.bindJvm(meters);
    http = new BurnrateHttpServer(config.getString(BurnrateConfig.HTTP_HOST), config.getInt(BurnrateConfig.HTTP_PORT),
        meters, config.pipeline()).start();
    Properties props = app.streamsProperties();
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, http.advertisedAddress());
    self = HostInfo.buildFromEndpoint(http.advertisedAddress());
    runner = new StreamsRunner(app.topology(), props, Duration.ofSeconds(30), http::onStreamsState);
    streamsMeters = MeterBindings.bindKafkaStreams(runner.streams(), meters);
    http.attach(runner.streams(), self);
    client = new Client(http.url());
  }

  RunningInstance start() {
    runner.start();
    return this;
  }

  KafkaStreams streams() {
    return runner.streams();
  }

  boolean hasActiveTasks() {
    return streams().metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty());
  }

  @Override
  public void close() throws Exception {
    try {
      runner.close();
      streamsMeters.close();
      http.close();
      jvmMeters.close();
    } finally {
      TestDirectories.deleteRecursively(stateDir);
    }
  }
}
