package io.burnrate.cli;

import io.burnrate.alertmanager.AlertForwarder;
import io.burnrate.alertmanager.Backoff;
import io.burnrate.alertmanager.ForwarderSettings;
import io.burnrate.config.BurnrateConfig;
import io.burnrate.schema.CostAlert;
import io.burnrate.serde.AvroWireDeserializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code burnrate forward-alerts}: the Alertmanager bridge, until stopped. */
@Command(name = "forward-alerts", mixinStandardHelpOptions = true,
    description = {
      "Post the alerts of cost.alerts to Alertmanager's v2 API: FIRING as active alerts (labels alertname = the"
          + " rule, endpoint, severity, alert_id, owner; annotations summary, observed, threshold), RESOLVED with"
          + " their end time.",
      "A consumer group (read_committed) that commits an alert's offset only once Alertmanager accepted it, and"
          + " posts the active alerts again every --repost-interval, before Alertmanager's resolve_timeout ends"
          + " them. On start it rebuilds the active alerts from the beginning of the topic. Ctrl-C or SIGTERM"
          + " stops it cleanly; exit code 1 when Alertmanager stays unreachable (restart to resume).",
      "Example: burnrate forward-alerts --alertmanager http://127.0.0.1:9093 -b localhost:9092"
          + " -r http://localhost:8081"})
final class ForwardAlertsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ConfigOptions options;

  @Option(names = "--alertmanager", paramLabel = "URL", required = true,
      description = "Alertmanager's base address, e.g. http://127.0.0.1:9093 (user:password@ for basic auth).")
  String alertmanagerUrl;

  @Option(names = "--group-id", paramLabel = "ID", defaultValue = ForwarderSettings.DEFAULT_GROUP_ID,
      description = "Consumer group on cost.alerts (default: ${DEFAULT-VALUE}).")
  String groupId;

  @Option(names = "--repost-interval", paramLabel = "SECONDS", defaultValue = "60",
      description = "Post the active alerts again this often; keep it well below Alertmanager's resolve_timeout"
          + " (default: ${DEFAULT-VALUE}).")
  long repostSeconds;

  @Option(names = "--retry-initial", paramLabel = "MS", defaultValue = "500",
      description = "First wait before retrying a post that found Alertmanager down or failing (default: ${DEFAULT-VALUE}).")
  long retryInitialMs;

  @Option(names = "--retry-max", paramLabel = "MS", defaultValue = "30000",
      description = "Longest wait between retries; the wait doubles up to it (default: ${DEFAULT-VALUE}).")
  long retryMaxMs;

  @Option(names = "--retry-attempts", paramLabel = "N", defaultValue = "10",
      description = "Attempts per post before giving up with exit code 1 (default: ${DEFAULT-VALUE}).")
  int retryAttempts;

  @Option(names = "--request-timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "How long one request to Alertmanager may take (default: ${DEFAULT-VALUE}).")
  long requestTimeoutSeconds;

  @Override
  public Integer call() throws InterruptedException {
    ForwarderSettings settings = settings();
    BurnrateConfig config = options.load();
    Map<String, Object> kafka = new HashMap<>();
    config.kafkaProperties().forEach((k, v) -> kafka.put(String.valueOf(k), v));
    AvroWireDeserializer<CostAlert> alerts =
        new AvroWireDeserializer<>(RunCommand.registryClient(config), CostAlert.class);
    AlertForwarder forwarder = AlertForwarder.create(kafka, config.topics().alerts(), alerts, settings);
    Thread main = Thread.currentThread();
    Thread hook = new Thread(() -> {
      forwarder.stop();
      try {
        main.join(15_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "burnrate-forward-alerts-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      forwarder.run();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is stopping: the hook is what ended run()
      }
    }
    return 0;
  }

  private ForwarderSettings settings() {
    try {
      return new ForwarderSettings(alertmanagerUrl, groupId, positiveSeconds("--repost-interval", repostSeconds),
          new Backoff(Duration.ofMillis(retryInitialMs), Duration.ofMillis(retryMaxMs), retryAttempts),
          positiveSeconds("--request-timeout", requestTimeoutSeconds));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private Duration positiveSeconds(String option, long seconds) {
    if (seconds <= 0) {
      throw new ParameterException(spec.commandLine(), option + " must be a positive number of seconds, not " + seconds);
    }
    return Duration.ofSeconds(seconds);
  }
}
