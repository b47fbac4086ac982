package io.burnrate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.app.BurnrateApp;
import io.burnrate.config.BurnrateConfig;
import io.burnrate.serde.InMemorySchemaRegistryClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The topology's description is part of what an upgrade must keep: a renamed store or processor is
 * state lost on the next deployment. A change shows here first; when it is intended, regenerate with
 * {@code mvn test -Dtest=TopologySnapshotTest -Dburnrate.snapshot.update=true} and say why in the commit.
 */
class TopologySnapshotTest {
  private static final Path SNAPSHOT = Path.of("src/test/resources/snapshots/topology.txt");

  @Test
  void theTopologyReadsAsTheDesignDescribesItAndMatchesItsSnapshot() throws IOException {
    BurnrateApp app = new BurnrateApp(BurnrateConfig.of(Map.of()), new InMemorySchemaRegistryClient(),
        new PipelineMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
    String description = app.topology().describe().toString();

    assertThat(description).contains(
        "Source: requests-source (topics: [inference.requests])",
        "Processor: ingest-requests (stores: [" + StoreNames.EVENT_ORDER + "])",
        "Processor: endpoint-costs (stores: [",
        StoreNames.ENDPOINT_STATE, StoreNames.ENDPOINT_SLICES, StoreNames.ENDPOINT_CONFIG, StoreNames.LINE_ITEMS,
        StoreNames.SEEN_EVENT_IDS, StoreNames.METRICS_PENDING, StoreNames.ENDPOINT_BASELINES, StoreNames.ACTIVE_ALERTS, StoreNames.TASK_CLOCK,
        StoreNames.EVENT_ORDER, StoreNames.REGIONAL_PROGRESS,
        "Sink: alerts-sink (topic: cost.alerts)",
        "Sink: dead-letter-sink (topic: burnrate.dlq)");
    if (Boolean.getBoolean("burnrate.snapshot.update")) {
      Files.writeString(SNAPSHOT, description, StandardCharsets.UTF_8);
    }
    assertThat(description)
        .as("topology description differs from %s (regenerate it if the change is intended)", SNAPSHOT)
        .isEqualTo(Files.readString(SNAPSHOT, StandardCharsets.UTF_8));
  }
}
