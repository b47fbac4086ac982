package io.burnrate.cli;

import io.burnrate.config.BurnrateConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code burnrate local --run}: the pipeline on the local stack, with the settings of {@code burnrate
 * run} but the cluster's, which the stack gives.
 */
final class LocalRunOptions {
  @Option(names = "--run", required = true,
      description = "Also run the pipeline on the local stack, as `burnrate run` on a cluster, until Ctrl-C.")
  boolean run;

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file with Burnrate and Kafka settings.")
  Path configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Set any Burnrate or Kafka key (repeatable), e.g. --set burnrate.dry.run=true.")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--dry-run", description = "Mark every scaling command dry_run (actuators log, do not act).")
  boolean dryRun;

  @Option(names = "--http-port", paramLabel = "PORT",
      description = "Port of the HTTP endpoint (/metrics, health, queries); 0 picks a free one. Sets "
          + BurnrateConfig.HTTP_PORT + " (default 8080).")
  Integer httpPort;

  @Option(names = "--close-timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "How long a shutdown may take to commit offsets and state (default: ${DEFAULT-VALUE}).")
  long closeTimeoutSeconds;

  /** The configuration of a pipeline on the broker and registry at these addresses, its state in {@code dataDir}. */
  BurnrateConfig config(String bootstrapServers, String registryUrl, Path dataDir) {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("bootstrap.servers", bootstrapServers);
    overrides.put(BurnrateConfig.REGISTRY_URL, registryUrl);
    overrides.put("state.dir", dataDir.resolve("streams-state").toString());
    overrides.putAll(settings);
    if (dryRun) {
      overrides.put(BurnrateConfig.DRY_RUN, "true");
    }
    if (httpPort != null) {
      overrides.put(BurnrateConfig.HTTP_PORT, String.valueOf(httpPort));
    }
    return BurnrateConfig.load(configFile, System.getenv(), overrides);
  }

  Duration closeTimeout() {
    return Duration.ofSeconds(closeTimeoutSeconds);
  }
}
