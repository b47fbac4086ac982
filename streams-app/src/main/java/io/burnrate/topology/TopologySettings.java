package io.burnrate.topology;

import io.burnrate.config.TopicNames;
import io.burnrate.engine.PipelineSettings;
import io.burnrate.serde.SchemaRegistryClient;
import java.time.Clock;
import java.time.Duration;

/** What the topology is built from: names, engine settings, store retention and the registry. */
public record TopologySettings(
    TopicNames topics,
    PipelineSettings pipeline,
    EventTimeBounds eventTimeBounds,
    Duration sliceRetention,
    Duration lineItemRetention,
    Duration metricsInterval,
    boolean autoRegisterSchemas,
    SchemaRegistryClient registry,
    PipelineMetrics metrics,
    Clock clock) {

  /** Names of the sink nodes, so processors forward by name. */
  public record Sinks(String alerts, String commands, String metrics, String deadLetters) {
    static final Sinks DEFAULT = new Sinks("alerts-sink", "commands-sink", "metrics-sink", "dead-letter-sink");
  }
}
