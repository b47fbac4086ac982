package io.burnrate.bench;

import io.burnrate.config.TopicNames;
import java.util.List;

/**
 * Names of everything one bench run creates, under one prefix ({@code bench-<id>.}): the prepared
 * inputs, and per measured run its application id and output topics, so that runs never see each
 * other's records and all of it can be deleted afterwards.
 */
public record BenchTopics(String prefix) {
  private static final TopicNames D = TopicNames.DEFAULTS;

  /** A prefix unique to this moment, such as {@code bench-m3k9x2.}. */
  public static BenchTopics fresh() {
    return new BenchTopics("bench-" + Long.toString(System.currentTimeMillis(), 36) + ".");
  }

  /** The input topics of a phase ({@code input} for the throughput runs, others for latency or scale steps). */
  public TopicNames inputs(String phase) {
    String p = prefix + phase + ".";
    return new TopicNames(p + D.requests(), p + D.replicas(), p + D.billing(), p + D.endpointConfig(),
        p + D.alerts(), p + D.commands(), p + D.hourlyMetrics(), p + D.deadLetters(), D.schemas());
  }

  /** The application id of one measured run; its internal topics start with it and a dash. */
  public String applicationId(AppKind app, Guarantee guarantee, String run) {
    return prefix + app.tag() + "-" + guarantee.tag() + "-" + run;
  }

  /** Burnrate's topics for one run: the prepared inputs, and outputs of its own. */
  public TopicNames burnrateTopics(TopicNames inputs, String applicationId) {
    String p = applicationId + ".";
    return new TopicNames(inputs.requests(), inputs.replicas(), inputs.billing(), inputs.endpointConfig(),
        p + D.alerts(), p + D.commands(), p + D.hourlyMetrics(), p + D.deadLetters(), D.schemas());
  }

  /** The pass-through's output topic for the input of a role ({@code inference.requests}, ...). */
  public String passThroughOutput(String applicationId, String role) {
    return applicationId + "." + role;
  }

  /** Burnrate's output topics, in contract order. */
  public static List<String> outputsOf(TopicNames topics) {
    return List.of(topics.alerts(), topics.commands(), topics.hourlyMetrics(), topics.deadLetters());
  }
}
