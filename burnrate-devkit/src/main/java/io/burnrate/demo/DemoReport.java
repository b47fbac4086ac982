package io.burnrate.demo;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.ScalingCommand;
import io.burnrate.schema.Severity;
import io.burnrate.sim.GroundTruth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the pipeline said during a run, as read from its output topics: FIRING and RESOLVED
 * alerts, commands, and the latest figures of every endpoint-hour. Thread-safe: the topic readers
 * add while the console reads.
 */
public final class DemoReport {
  /** How long after a scenario's end a detection still counts (hourly rules judge a closed hour). */
  static final Duration DETECTION_SLACK = Duration.ofHours(2);

  private final List<CostAlert> alerts = new ArrayList<>();
  private final List<ScalingCommand> commands = new ArrayList<>();
  private final Map<String, TreeMap<Long, Map<String, Object>>> hours = new HashMap<>();

  public synchronized void onAlert(CostAlert alert) {
    alerts.add(alert);
  }

  public synchronized void onCommand(ScalingCommand command) {
    commands.add(command);
  }

  public synchronized void onMetrics(Map<String, Object> hour) {
    Object endpoint = hour.get("endpoint_id");
    Object start = hour.get("timestamp");
    if (endpoint != null && start instanceof Number n) {
      hours.computeIfAbsent(endpoint.toString(), e -> new TreeMap<>()).put(n.longValue(), hour);
    }
  }

  public synchronized int firingCount() {
    return (int) alerts.stream().filter(a -> a.getStatus() == AlertStatus.FIRING).count();
  }

  public synchronized int infoCount() {
    return (int) alerts.stream()
        .filter(a -> a.getStatus() == AlertStatus.FIRING && a.getSeverity() == Severity.INFO).count();
  }

  public synchronized int commandCount() {
    return commands.size();
  }

  /** One row per configured endpoint, in the configs' order. */
  public synchronized List<EndpointSummary> summaries(List<EndpointConfig> configs) {
    List<EndpointSummary> rows = new ArrayList<>();
    for (EndpointConfig config : configs) {
      String id = config.getEndpointId();
      double spend = 0;
      long requests = 0;
      long coldStarts = 0;
      int maxReplicas = 0;
      for (Map<String, Object> hour : hours.getOrDefault(id, new TreeMap<>()).values()) {
        spend += number(hour.get("spend_usd"));
        requests += (long) number(hour.get("requests"));
        coldStarts += (long) number(hour.get("cold_starts"));
        maxReplicas = Math.max(maxReplicas, (int) number(hour.get("max_replicas")));
      }
      int firing = 0;
      Set<AlertRule> rules = EnumSet.noneOf(AlertRule.class);
      for (CostAlert alert : alerts) {
        if (alert.getEndpointId().equals(id) && alert.getStatus() == AlertStatus.FIRING) {
          firing++;
          rules.add(alert.getRule());
        }
      }
      int commandCount = (int) commands.stream().filter(c -> c.getEndpointId().equals(id)).count();
      rows.add(new EndpointSummary(id, config.getCriticality().name(), spend, config.getDailyBudgetUsd(), requests,
          coldStarts, maxReplicas, requests == 0 ? null : spend / requests, firing, rules, commandCount));
    }
    return rows;
  }

  /** Per scenario and expected rule: the first FIRING of that rule on that endpoint within the window. */
  public synchronized List<Detection> detections(List<GroundTruth> truths) {
    List<Detection> out = new ArrayList<>();
    for (GroundTruth truth : truths) {
      for (AlertRule rule : truth.expectedRules()) {
        Instant first = null;
        for (CostAlert alert : alerts) {
          if (alert.getStatus() == AlertStatus.FIRING && alert.getRule() == rule
              && alert.getEndpointId().equals(truth.endpointId())
              && !alert.getDetectedAt().isBefore(truth.start())
              && !alert.getDetectedAt().isAfter(truth.end().plus(DETECTION_SLACK))
              && (first == null || alert.getDetectedAt().isBefore(first))) {
            first = alert.getDetectedAt();
          }
        }
        out.add(new Detection(truth, rule, first == null ? null : Duration.between(truth.start(), first)));
      }
    }
    return out;
  }

  /**
   * FIRING WARNING and CRITICAL alerts that no scenario explains: on an endpoint without one, or of a
   * rule it does not cause. INFO alerts are advice (a quiet night is under-used), not pages.
   */
  public synchronized List<CostAlert> unexplained(List<GroundTruth> truths) {
    List<CostAlert> out = new ArrayList<>();
    for (CostAlert alert : alerts) {
      if (alert.getStatus() != AlertStatus.FIRING || alert.getSeverity() == Severity.INFO) {
        continue;
      }
      boolean explained = truths.stream().anyMatch(t -> t.endpointId().equals(alert.getEndpointId())
          && (t.expectedRules().contains(alert.getRule()) || t.possibleRules().contains(alert.getRule())));
      if (!explained) {
        out.add(alert);
      }
    }
    return out;
  }

  private static double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : 0;
  }

  /** One endpoint's day as the pipeline saw it. */
  public record EndpointSummary(
      String endpointId, String criticality, double spendUsd, double budgetUsd, long requests, long coldStarts,
      int maxReplicas, Double costPerRequestUsd, int alerts, Set<AlertRule> rules, int commands) {}

  /** Whether an injected anomaly's expected rule fired, and how long after the anomaly began. */
  public record Detection(GroundTruth truth, AlertRule rule, Duration delay) {
    public boolean detected() {
      return delay != null;
    }
  }
}
