package io.burnrate.registryfaults;

import static org.awaitility.Awaitility.await;

import io.burnrate.app.BurnrateApp;
import io.burnrate.app.StreamsRunner;
import io.burnrate.config.BurnrateConfig;
import io.burnrate.local.TestDirectories;
import io.burnrate.serde.HttpSchemaRegistryClient;
import io.burnrate.serde.RegistryClientSettings;
import io.burnrate.topology.PipelineMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Burnrate as {@code burnrate run} assembles it (the same app, runner and registry client), in this
 * JVM, with its own {@code application.id} and state directory, and its meters at hand.
 */
final class InProcessPipeline implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final Path stateDir;
  private final StreamsRunner runner;
  private final SimpleMeterRegistry meters;

  private InProcessPipeline(Path stateDir, StreamsRunner runner, SimpleMeterRegistry meters) {
    this.stateDir = stateDir;
    this.runner = runner;
    this.meters = meters;
  }

  static InProcessPipeline start(String bootstrapServers, String registryUrl, String applicationId) {
    Path stateDir = TestDirectories.create("burnrate-" + applicationId + "-");
    Map<String, String> settings = new HashMap<>();
    settings.put("bootstrap.servers", bootstrapServers);
    settings.put(BurnrateConfig.REGISTRY_URL, registryUrl);
    settings.put("application.id", applicationId);
    settings.put("state.dir", stateDir.toString());
    settings.put(BurnrateConfig.METRICS_INTERVAL, "200");
    settings.put(BurnrateConfig.REPLAY_LAG, "0");
    BurnrateConfig config = BurnrateConfig.of(settings);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    BurnrateApp app = new BurnrateApp(config,
        new HttpSchemaRegistryClient(RegistryClientSettings.forUrls(registryUrl)), new PipelineMetrics(meters),
        Clock.systemUTC());
    StreamsRunner runner = new StreamsRunner(app.topology(), app.streamsProperties(), CLOSE_TIMEOUT, state -> { });
    InProcessPipeline pipeline = new InProcessPipeline(stateDir, runner, meters);
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

  KafkaStreams.State state() {
    return runner.streams().state();
  }

  /** The sum of the counters named {@code name} (e.g. {@code burnrate.registry.unavailable}) with these tags. */
  double count(String name, String... tags) {
    return meters.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
  }

  @Override
  public void close() {
    try {
      runner.close();
    } finally {
      TestDirectories.deleteRecursively(stateDir);
    }
  }
}
