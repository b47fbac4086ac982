package io.burnrate.demo;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.CostAlert;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The demo's closing tables, as plain text. */
public final class DemoTables {
  private DemoTables() {}

  public static String summary(List<DemoReport.EndpointSummary> rows) {
    StringBuilder out = new StringBuilder();
    String format = "%-22s %-12s %10s %10s %6s %9s %7s %11s %7s %9s  %s%n";
    out.append(String.format(Locale.ROOT, format, "endpoint", "criticality", "spend", "budget", "of", "requests",
        "cold", "$/request", "alerts", "commands", "rules fired"));
    for (DemoReport.EndpointSummary r : rows) {
      out.append(String.format(Locale.ROOT, format, r.endpointId(), r.criticality(),
          String.format(Locale.ROOT, "$%.2f", r.spendUsd()), String.format(Locale.ROOT, "$%.2f", r.budgetUsd()),
          r.budgetUsd() > 0 ? String.format(Locale.ROOT, "%.0f%%", 100 * r.spendUsd() / r.budgetUsd()) : "-",
          r.requests(), r.coldStarts(),
          r.costPerRequestUsd() == null ? "-" : String.format(Locale.ROOT, "$%.5f", r.costPerRequestUsd()),
          r.alerts(), r.commands(),
          r.rules().isEmpty() ? "-" : r.rules().stream().map(AlertRule::name).collect(Collectors.joining(", "))));
    }
    return out.toString();
  }

  public static String detections(
      List<DemoReport.Detection> detections, List<CostAlert> unexplained, int infoAlerts) {
    StringBuilder out = new StringBuilder();
    String format = "%-18s %-22s %-24s %-10s %s%n";
    out.append(String.format(Locale.ROOT, format, "scenario", "endpoint", "expected rule", "caught", "after"));
    for (DemoReport.Detection d : detections) {
      out.append(String.format(Locale.ROOT, format, d.truth().scenario(), d.truth().endpointId(), d.rule(),
          d.detected() ? "yes" : "MISSED", d.detected() ? minutes(d.delay()) : "-"));
    }
    long caught = detections.stream().filter(DemoReport.Detection::detected).count();
    out.append(String.format(Locale.ROOT,
        "%d of %d injected anomalies caught; %d warning or critical alert(s) no scenario explains;"
            + " %d INFO alert(s) (advice, not pages)%n",
        caught, detections.size(), unexplained.size(), infoAlerts));
    for (CostAlert alert : unexplained) {
      out.append("  unexplained: ").append(alert.getEndpointId()).append(' ').append(alert.getRule()).append(": ")
          .append(alert.getMessage()).append('\n');
    }
    return out.toString();
  }

  private static String minutes(Duration delay) {
    long minutes = delay.toMinutes();
    return minutes < 120 ? minutes + " min" : String.format(Locale.ROOT, "%.1f h", minutes / 60.0);
  }
}
