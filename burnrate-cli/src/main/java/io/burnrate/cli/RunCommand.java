package io.burnrate.cli;

import io.burnrate.config.BurnrateConfig;
import io.burnrate.serde.SchemaRegistryClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** Runs the pipeline against a Kafka cluster and a Confluent-API registry until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the detection pipeline: consume the input topics, produce alerts, commands, metrics and"
        + " dead letters. Ctrl-C stops it cleanly.")
final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Mixin ConfigOptions options;

  @Option(names = "--close-timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "How long a shutdown may take to commit offsets and state (default: ${DEFAULT-VALUE}).")
  long closeTimeoutSeconds;

  @Option(names = "--http-port", paramLabel = "PORT",
      description = "Port of the HTTP endpoint (/metrics, health, queries); 0 picks a free one. Sets "
          + BurnrateConfig.HTTP_PORT + " (default 8080).")
  Integer httpPort;

  @Override
  public Integer call() throws Exception {
    BurnrateConfig config = BurnrateConfig.load(options.configFile, System.getenv(), overrides());
    return runPipeline(config, Duration.ofSeconds(closeTimeoutSeconds));
  }

  /** Runs the pipeline until SIGTERM or Ctrl-C, or until Kafka Streams stops on its own; 1 if it failed. */
  static int runPipeline(BurnrateConfig config, Duration closeTimeout) throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    try (RunningPipeline pipeline = RunningPipeline.start(config, closeTimeout, state -> {
      if (state == KafkaStreams.State.NOT_RUNNING || state == KafkaStreams.State.ERROR) {
        stop.countDown();
      }
    })) {
      // Any other end of the JVM still closes the pipeline.
      Thread hook = new Thread(() -> {
        try {
          pipeline.close();
        } catch (Exception e) {
          log.warn("shutdown: {}", e.toString());
        }
      }, "burnrate-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      // SIGTERM and Ctrl-C only ask to stop: the pipeline is closed here and the command returns, so the
      // process exits with 0 after a clean close instead of the signal's 143 or 130.
      onStopSignals(stop::countDown);
      log.info("Burnrate is running: application.id={} bootstrap={} registry={} http={}",
          config.applicationId(), pipeline.streamsProperties().getProperty("bootstrap.servers"),
          config.registryUrl(), pipeline.http().url());
      stop.await();
      removeHook(hook);
      if (pipeline.failed()) {
        log.error("Kafka Streams stopped in state ERROR; see the errors above");
        return ExitCodes.FAILURE;
      }
      log.info("stopping: closing Kafka Streams within {} s", closeTimeout.toSeconds());
    }
    return 0;
  }

  private static void onStopSignals(Runnable stop) {
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), signal -> stop.run());
      } catch (IllegalArgumentException e) {
        log.debug("signal {} cannot be handled here ({}); the shutdown hook closes the pipeline", name, e.getMessage());
      }
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook closes the pipeline as well, which is harmless
    }
  }

  /** The shared flags, then this command's own. */
  private Map<String, String> overrides() {
    Map<String, String> out = options.overrides(Map.of());
    if (httpPort != null) {
      out.put(BurnrateConfig.HTTP_PORT, String.valueOf(httpPort));
    }
    return out;
  }

  /**
   * The registry client of the {@code schema.registry.*} settings (URLs, basic auth, truststore).
   *
   * @throws io.burnrate.config.InvalidConfigException naming the bad key, never a password
   */
  static SchemaRegistryClient registryClient(BurnrateConfig config) {
    return RegistryClients.fromConfig(config);
  }
}
