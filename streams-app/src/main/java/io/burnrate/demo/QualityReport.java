package io.burnrate.demo;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import io.burnrate.sim.GroundTruth;
import io.burnrate.sim.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How well the alerts match the simulator's ground truth, per scenario: recall (injected windows
 * whose expected rules all fired within the window, or within {@link DemoReport#DETECTION_SLACK} after
 * it), precision (FIRING alerts of the scenario's expected rules that fall in one of its windows, out
 * of all FIRING alerts of those rules) and the median delay from a window's start to its first
 * expected alert.
 */
public final class QualityReport {
  public record Row(Scenario scenario, int windows, int caught, int truePositives, int alerts, Duration medianDelay) {
    public double recall() {
      return windows == 0 ? Double.NaN : (double) caught / windows;
    }

    public double precision() {
      return alerts == 0 ? Double.NaN : (double) truePositives / alerts;
    }
  }

  private QualityReport() {}

  public static List<Row> of(List<CostAlert> alerts, List<GroundTruth> truths) {
    Map<Scenario, List<GroundTruth>> byScenario = new EnumMap<>(Scenario.class);
    for (GroundTruth truth : truths) {
      byScenario.computeIfAbsent(truth.scenario(), s -> new ArrayList<>()).add(truth);
    }
    List<Row> rows = new ArrayList<>();
    byScenario.forEach((scenario, windows) -> {
      int caught = 0;
      List<Duration> delays = new ArrayList<>();
      for (GroundTruth window : windows) {
        Duration latest = Duration.ZERO;
        boolean all = !window.expectedRules().isEmpty();
        for (AlertRule rule : window.expectedRules()) {
          Duration first = firstFiring(alerts, window, rule);
          if (first == null) {
            all = false;
          } else if (first.compareTo(latest) > 0) {
            latest = first;
          }
        }
        if (all) {
          caught++;
          delays.add(latest);
        }
      }
      int truePositives = 0;
      int total = 0;
      for (CostAlert alert : alerts) {
        if (alert.getStatus() != AlertStatus.FIRING || !scenario.expectedRules().contains(alert.getRule())) {
          continue;
        }
        total++;
        if (windows.stream().anyMatch(w -> inWindow(alert, w))) {
          truePositives++;
        }
      }
      rows.add(new Row(scenario, windows.size(), caught, truePositives, total, median(delays)));
    });
    return rows;
  }

  public static String table(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    String format = "| %-17s | %7s | %6s | %9s | %6s | %12s |%n";
    out.append(String.format(Locale.ROOT, format, "scenario", "windows", "recall", "precision", "alerts",
        "median delay"));
    out.append("| --- | --- | --- | --- | --- | --- |\n");
    for (Row r : rows) {
      out.append(String.format(Locale.ROOT, format, r.scenario(), r.windows(), ratio(r.recall()),
          ratio(r.precision()), r.alerts(), r.medianDelay() == null ? "-" : r.medianDelay().toMinutes() + " min"));
    }
    return out.toString();
  }

  private static Duration firstFiring(List<CostAlert> alerts, GroundTruth window, AlertRule rule) {
    Duration first = null;
    for (CostAlert alert : alerts) {
      if (alert.getStatus() == AlertStatus.FIRING && alert.getRule() == rule && inWindow(alert, window)) {
        Duration delay = Duration.between(window.start(), alert.getDetectedAt());
        if (first == null || delay.compareTo(first) < 0) {
          first = delay;
        }
      }
    }
    return first;
  }

  private static boolean inWindow(CostAlert alert, GroundTruth window) {
    return alert.getEndpointId().equals(window.endpointId())
        && !alert.getDetectedAt().isBefore(window.start())
        && !alert.getDetectedAt().isAfter(window.end().plus(DemoReport.DETECTION_SLACK));
  }

  private static Duration median(List<Duration> delays) {
    if (delays.isEmpty()) {
      return null;
    }
    List<Duration> sorted = new ArrayList<>(delays);
    sorted.sort(null);
    return sorted.get((sorted.size() - 1) / 2);
  }

  private static String ratio(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
  }
}
