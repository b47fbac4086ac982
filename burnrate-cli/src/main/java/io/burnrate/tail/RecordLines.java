package io.burnrate.tail;

import io.burnrate.rules.AlertFigures;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.ScalingCommand;
import io.burnrate.schema.Severity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Help.Ansi;

/** One line a person reads per output record; colour only when {@code ansi} says the terminal has it. */
public final class RecordLines {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Ansi ansi;

  public RecordLines(Ansi ansi) {
    this.ansi = ansi;
  }

  public String alert(CostAlert a) {
    String status = a.getStatus() == AlertStatus.FIRING ? "FIRING  " : "RESOLVED";
    String statusStyle = a.getStatus() == AlertStatus.FIRING ? "bold" : "green";
    String severityStyle = switch (a.getSeverity() == null ? Severity.WARNING : a.getSeverity()) {
      case CRITICAL -> "bold,red";
      case WARNING -> "yellow";
      default -> "cyan";
    };
    String figure = AlertFigures.comparison(a);
    return String.format(Locale.ROOT, "%s  %s %s  %-20s %-24s %s  %s",
        WHEN.format(a.getDetectedAt()),
        style(statusStyle, status),
        style(severityStyle, String.format("%-8s", a.getSeverity())),
        a.getEndpointId(), a.getRule(), figure, style("faint", a.getMessage()));
  }

  public String command(ScalingCommand c) {
    String target = switch (c.getAction()) {
      case ROUTE_OVERFLOW -> "-> " + c.getRouteTo();
      case SHUTDOWN, SCALE_DOWN, SET_MIN_REPLICAS -> "-> " + c.getTargetReplicas() + " replicas";
      default -> "";
    };
    return String.format(Locale.ROOT, "%s  %s %-20s %-16s %-16s%s  %s",
        WHEN.format(c.getIssuedAt()),
        style("bold,magenta", "COMMAND "),
        c.getEndpointId(), c.getAction(), target,
        c.getDryRun() ? style("faint", " (dry run)") : "",
        style("faint", c.getReason()));
  }

  public String metrics(Map<String, Object> m) {
    Object hour = m.get("timestamp");
    String when = hour instanceof Number n ? WHEN.format(Instant.ofEpochMilli(n.longValue())) : String.valueOf(hour);
    return String.format(Locale.ROOT,
        "%s  %-20s spend $%s (metered $%s, billed $%s)  requests %s  $/request %s  cold starts %s"
            + "  replicas %s  p95 %s ms  utilization %s  day $%s of $%s",
        when, m.get("endpoint_id"), money(m.get("spend_usd")), money(m.get("metered_usd")),
        money(m.get("billed_usd")), m.get("requests"), perRequest(m.get("cost_per_request_usd")),
        m.get("cold_starts"), m.get("max_replicas"), number(m.get("p95_latency_ms")), percent(m.get("utilization")),
        money(m.get("daily_spend_usd")), money(m.get("daily_budget_usd")));
  }

  private String style(String styles, String text) {
    return ansi.string("@|" + styles + " " + text.replace("|@", "| @") + "|@");
  }

  static String number(Object value) {
    if (!(value instanceof Number n)) {
      return "-";
    }
    double d = n.doubleValue();
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.valueOf((long) d);
    }
    return String.format(Locale.ROOT, Math.abs(d) < 0.01 ? "%.6f" : "%.2f", d);
  }

  private static String money(Object value) {
    return value instanceof Number n ? String.format(Locale.ROOT, "%.2f", n.doubleValue()) : "-";
  }

  private static String perRequest(Object value) {
    return value instanceof Number n ? String.format(Locale.ROOT, "%.6f", n.doubleValue()) : "-";
  }

  private static String percent(Object value) {
    return value instanceof Number n ? String.format(Locale.ROOT, "%.0f%%", n.doubleValue() * 100) : "-";
  }
}
