package io.burnrate.topology;

import io.burnrate.config.TopicNames;
import io.burnrate.engine.PipelineSettings;
import io.burnrate.serde.SchemaRegistryClient;
import java.time.Clock;
import java.time.Duration;

/**
 * What the topology is built from: names, engine settings, store retention and the registry.
 * {@code regionalSettle} is how long after an hour's end REGIONAL_COST_VARIANCE takes the hour's
 * figures from all partitions as complete (at least the event grace plus one metering step);
 * {@code driftGaugeEndpoints} how many endpoints' billing drift gauges an instance shows at most;
 * {@code inputIdle} how long a task's request or replica input may be silent before the other runs
 * ahead of it (see {@code EventOrder}).
 */
public record TopologySettings(
    TopicNames topics,
    PipelineSettings pipeline,
    EventTimeBounds eventTimeBounds,
    Duration sliceRetention,
    Duration lineItemRetention,
    Duration metricsInterval,
    int driftGaugeEndpoints,
    boolean autoRegisterSchemas,
    SchemaRegistryClient registry,
    PipelineMetrics metrics,
    Clock clock,
    Duration regionalSettle,
    Duration inputIdle) {

  /** Margin for upstream partitions that lag behind the others. */
  public static final Duration REGIONAL_SETTLE_MARGIN = Duration.ofMinutes(5);

  /** Settings with the default regional settle delay: the event grace, one metering step and a margin. */
  public TopologySettings(
      TopicNames topics, PipelineSettings pipeline, EventTimeBounds eventTimeBounds, Duration sliceRetention,
      Duration lineItemRetention, Duration metricsInterval, int driftGaugeEndpoints, boolean autoRegisterSchemas,
      SchemaRegistryClient registry, PipelineMetrics metrics, Clock clock, Duration inputIdle) {
    this(topics, pipeline, eventTimeBounds, sliceRetention, lineItemRetention, metricsInterval, driftGaugeEndpoints,
        autoRegisterSchemas,
        registry, metrics, clock, defaultRegionalSettle(pipeline), inputIdle);
  }

  public static Duration defaultRegionalSettle(PipelineSettings pipeline) {
    return Duration.ofMillis(pipeline.eventGraceMs() + pipeline.meterStepMs()).plus(REGIONAL_SETTLE_MARGIN);
  }

  /** Names of the sink nodes, so processors forward by name. */
  public record Sinks(String alerts, String commands, String metrics, String deadLetters) {
    static final Sinks DEFAULT = new Sinks("alerts-sink", "commands-sink", "metrics-sink", "dead-letter-sink");
  }
}
