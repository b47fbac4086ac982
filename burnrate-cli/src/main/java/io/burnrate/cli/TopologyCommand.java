package io.burnrate.cli;

import io.burnrate.app.BurnrateApp;
import io.burnrate.config.BurnrateConfig;
import io.burnrate.serde.InMemorySchemaRegistryClient;
import io.burnrate.topology.PipelineMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Prints the topology description: every source, processor, store and sink by name. */
@Command(name = "topology", mixinStandardHelpOptions = true,
    description = "Print the Kafka Streams topology (named sources, processors, stores, sinks). Connects to nothing.")
final class TopologyCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Override
  public Integer call() {
    BurnrateConfig config = options.load();
    BurnrateApp app = new BurnrateApp(config, new InMemorySchemaRegistryClient(),
        new PipelineMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
    System.out.println(app.topology().describe());
    return 0;
  }
}
