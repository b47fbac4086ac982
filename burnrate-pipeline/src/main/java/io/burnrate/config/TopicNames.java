package io.burnrate.config;

import java.util.List;

/**
 * The names of every topic Burnrate reads or writes, in one place. Defaults are the contract's
 * (docs/contract.md); a deployment may rename them through configuration.
 */
public record TopicNames(
    String requests,
    String replicas,
    String billing,
    String endpointConfig,
    String alerts,
    String commands,
    String hourlyMetrics,
    String deadLetters,
    String schemas) {

  public static final TopicNames DEFAULTS =
      new TopicNames(
          "inference.requests",
          "inference.replicas",
          "billing.events",
          "endpoint.config",
          "cost.alerts",
          "scaling.commands",
          "cost.metrics.hourly",
          "burnrate.dlq",
          "_schemas");

  /** The three event inputs, which must be co-partitioned by endpoint_id. */
  public List<String> eventInputs() {
    return List.of(requests, replicas, billing);
  }

  /** Topics read or written by the pipeline, in contract order (without the registry's own topic). */
  public List<String> pipelineTopics() {
    return List.of(requests, replicas, billing, endpointConfig, alerts, commands, hourlyMetrics, deadLetters);
  }

  /** Topics that keep only the latest value per key. */
  public List<String> compacted() {
    return List.of(endpointConfig, schemas);
  }
}
