package io.burnrate.demo;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import io.burnrate.sim.GroundTruth;
import io.burnrate.sim.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How well the alerts match the simulator's ground truth, per scenario and expected rule.
 *
 * <ul>
 *   <li>recall: the scenario's windows in which the rule fired (within the window, or within {@link
 *       DemoReport#DETECTION_SLACK} after it);
 *   <li>precision: of all FIRING alerts of the rule, anywhere, those that fall in a window of a scenario
 *       that expects the rule or names it as a possible side effect (a budget tier reached during a
 *       runaway is right; the same tier on a healthy endpoint is a false positive);
 *   <li>delay from start: window start to the rule's first FIRING in it; delay from onset: from the
 *       instant the injected traffic first met the rule's own definition (for example the eleventh cold
 *       start within 60 minutes), where the caller knows it, else the same as from start.
 * </ul>
 */
public final class QualityReport {
  public record Row(Scenario scenario, AlertRule rule, int windows, int caught, int truePositives, int alerts,
      Duration medianDelayFromStart, Duration medianDelayFromOnset) {
    public double recall() {
      return windows == 0 ? Double.NaN : (double) caught / windows;
    }

    public double precision() {
      return alerts == 0 ? Double.NaN : (double) truePositives / alerts;
    }
  }

  /** When a window's traffic first met a rule's definition; windows or rules without one count from the start. */
  public interface Onsets {
    Onsets NONE = (window, rule) -> null;

    Instant onset(GroundTruth window, AlertRule rule);
  }

  private QualityReport() {}

  public static List<Row> of(List<CostAlert> alerts, List<GroundTruth> truths) {
    return of(alerts, truths, Onsets.NONE);
  }

  public static List<Row> of(List<CostAlert> alerts, List<GroundTruth> truths, Onsets onsets) {
    Map<Scenario, List<GroundTruth>> byScenario = new EnumMap<>(Scenario.class);
    for (GroundTruth truth : truths) {
      byScenario.computeIfAbsent(truth.scenario(), s -> new ArrayList<>()).add(truth);
    }
    List<Row> rows = new ArrayList<>();
    byScenario.forEach((scenario, windows) -> {
      for (AlertRule rule : scenario.expectedRules().stream().sorted().toList()) {
        List<GroundTruth> expecting = windows.stream().filter(w -> w.expectedRules().contains(rule)).toList();
        int caught = 0;
        List<Duration> fromStart = new ArrayList<>();
        List<Duration> fromOnset = new ArrayList<>();
        for (GroundTruth window : expecting) {
          Instant first = firstFiring(alerts, window, rule);
          if (first == null) {
            continue;
          }
          caught++;
          fromStart.add(Duration.between(window.start(), first));
          Instant onset = onsets.onset(window, rule);
          fromOnset.add(Duration.between(onset == null ? window.start() : onset, first));
        }
        int truePositives = 0;
        int total = 0;
        for (CostAlert alert : alerts) {
          if (alert.getStatus() != AlertStatus.FIRING || alert.getRule() != rule) {
            continue;
          }
          total++;
          if (truths.stream().anyMatch(w -> permits(w, rule) && inWindow(alert, w))) {
            truePositives++;
          }
        }
        rows.add(new Row(scenario, rule, expecting.size(), caught, truePositives, total, median(fromStart),
            median(fromOnset)));
      }
    });
    return rows;
  }

  public static String table(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    String format = "| %-16s | %-22s | %7s | %6s | %9s | %6s | %10s | %10s |%n";
    out.append(String.format(Locale.ROOT, format, "scenario", "rule", "windows", "recall", "precision", "alerts",
        "from start", "from onset"));
    out.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (Row r : rows) {
      out.append(String.format(Locale.ROOT, format, r.scenario(), r.rule(), r.windows(), ratio(r.recall()),
          ratio(r.precision()), r.alerts(), minutes(r.medianDelayFromStart()), minutes(r.medianDelayFromOnset())));
    }
    return out.toString();
  }

  private static boolean permits(GroundTruth window, AlertRule rule) {
    return window.expectedRules().contains(rule) || window.possibleRules().contains(rule);
  }

  private static Instant firstFiring(List<CostAlert> alerts, GroundTruth window, AlertRule rule) {
    Instant first = null;
    for (CostAlert alert : alerts) {
      if (alert.getStatus() == AlertStatus.FIRING && alert.getRule() == rule && inWindow(alert, window)
          && (first == null || alert.getDetectedAt().isBefore(first))) {
        first = alert.getDetectedAt();
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
    return sorted.get(sorted.size() / 2);
  }

  private static String minutes(Duration delay) {
    return delay == null ? "-" : delay.toMinutes() + " min";
  }

  private static String ratio(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
  }
}
