package io.burnrate.cli;

import io.burnrate.config.BurnrateConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The configuration flags every pipeline command shares. Flags win over env, env over the file. */
final class ConfigOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "Properties file with Burnrate and Kafka settings.")
  Path configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Set any Burnrate or Kafka key (repeatable), e.g. --set burnrate.dry.run=true.")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
  String bootstrapServers;

  @Option(names = {"-r", "--registry-url"}, paramLabel = "URL", description = "Confluent-API schema registry URL.")
  String registryUrl;

  @Option(names = "--dry-run", description = "Mark every scaling command dry_run (actuators log, do not act).")
  boolean dryRun;

  BurnrateConfig load() {
    return BurnrateConfig.load(configFile, System.getenv(), overrides(Map.of()));
  }

  /** The flag overrides, on top of {@code base} (e.g. the embedded broker's address). */
  Map<String, String> overrides(Map<String, String> base) {
    Map<String, String> out = new LinkedHashMap<>(base);
    out.putAll(settings);
    if (bootstrapServers != null) {
      out.put("bootstrap.servers", bootstrapServers);
    }
    if (registryUrl != null) {
      out.put(BurnrateConfig.REGISTRY_URL, registryUrl);
    }
    if (dryRun) {
      out.put(BurnrateConfig.DRY_RUN, "true");
    }
    return out;
  }
}
