package io.burnrate.demo;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.Severity;
import io.burnrate.sim.GroundTruth;
import io.burnrate.sim.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How noisy a run's alerts are, from the alerts and the ground truth alone (no engine code):
 *
 * <ul>
 *   <li>pages per incident: in each ground-truth window, the distinct FIRING ids of the window's endpoint
 *       per rule (a FIRING belongs to a window when its detected_at is from the window's start to its end
 *       plus {@code slack}, as {@link QualityReport} scores recall and precision);
 *   <li>flaps: a FIRING of an (endpoint, rule) less than {@link #FLAP_GAP} of event time (detected_at)
 *       after a RESOLVED of the same endpoint and rule (a RESOLVED of the FIRING's own id at the same
 *       instant but emitted after it is the FIRING's own end, not an earlier one);
 *   <li>FIRING per endpoint-day: FIRING records per endpoint and budget day (the local date of
 *       detected_at in the endpoint's zone), and their total over endpoints x days;
 *   <li>INFO advice per day: FIRING records of severity INFO per endpoint, rule and budget day;
 *   <li>threshold violations: a FIRING whose observed is not strictly beyond its threshold (above it;
 *       below it for LOW_UTILIZATION, which fires on too little use).
 * </ul>
 */
final class AlertNoise {
  static final Duration FLAP_GAP = Duration.ofMinutes(15);

  /** The distinct FIRING ids (in order of their first FIRING) of {@code rule} on the window's endpoint inside it. */
  record WindowIds(GroundTruth window, AlertRule rule, List<String> ids) {
    int count() {
      return ids.size();
    }

    String describe() {
      return window.scenario() + " " + window.endpointId() + " " + window.start() + ".." + window.end() + " "
          + rule + ": " + ids.size() + " FIRING ids " + ids;
    }
  }

  /**
   * Per scenario and rule: the scenario's windows, and over them the most FIRING ids of the rule in one
   * window and their sum.
   */
  record ScenarioRule(Scenario scenario, AlertRule rule, Kind kind, int windows, int maxIds, int totalIds) {}

  /** How a rule relates to a scenario. */
  enum Kind {
    EXPECTED, POSSIBLE, OTHER;

    static Kind of(Scenario scenario, AlertRule rule) {
      return scenario.expectedRules().contains(rule) ? EXPECTED
          : scenario.possibleRules().contains(rule) ? POSSIBLE : OTHER;
    }
  }

  record Flap(String endpointId, AlertRule rule, String resolvedId, Instant resolvedAt, String firingId,
      Instant firingAt) {
    Duration gap() {
      return Duration.between(resolvedAt, firingAt);
    }

    String describe() {
      return String.format(Locale.ROOT, "%s %s: %s FIRING at %s, %d min %02d s after %s RESOLVED at %s", endpointId,
          rule, firingId, firingAt, gap().toMinutes(), gap().toSecondsPart(), resolvedId, resolvedAt);
    }
  }

  /** FIRING records of one endpoint (and rule, where counted per rule) on one budget day. */
  record DayCount(String endpointId, AlertRule rule, LocalDate day, List<String> ids) {
    int count() {
      return ids.size();
    }

    String describe() {
      return endpointId + (rule == null ? "" : " " + rule) + " on " + day + ": " + ids.size() + " FIRING " + ids;
    }
  }

  record Violation(CostAlert alert) {
    String describe() {
      String beyond = alert.getRule() == AlertRule.LOW_UTILIZATION ? "below" : "above";
      return alert.getEndpointId() + " " + alert.getRule() + " " + alert.getAlertId() + " FIRING at "
          + alert.getDetectedAt() + ": observed " + alert.getObserved() + " not " + beyond + " threshold "
          + alert.getThreshold();
    }
  }

  /** Everything measured over one run. */
  record Summary(List<WindowIds> windows, List<ScenarioRule> scenarioRules, List<Flap> flaps, int firing,
      int endpoints, int days, List<DayCount> endpointDays, List<DayCount> infoDays, List<Violation> violations,
      int repeatedFiring) {

    /** Windows in which one rule fired more than one id on the window's endpoint. */
    List<WindowIds> repeatedPages() {
      return windows.stream().filter(w -> w.count() > 1).toList();
    }

    /** (endpoint, rule, budget day)s with more than one INFO FIRING. */
    List<DayCount> repeatedInfo() {
      return infoDays.stream().filter(d -> d.count() > 1).toList();
    }

    double firingPerEndpointDay() {
      return endpoints * days == 0 ? Double.NaN : (double) firing / (endpoints * days);
    }

    DayCount busiestEndpointDay() {
      return endpointDays.stream().max(Comparator.comparingInt(DayCount::count)).orElse(null);
    }

    DayCount busiestInfoDay() {
      return infoDays.stream().max(Comparator.comparingInt(DayCount::count)).orElse(null);
    }

    String table() {
      StringBuilder out = new StringBuilder();
      String format = "| %-16s | %-23s | %-8s | %7s | %11s | %9s |%n";
      out.append(String.format(Locale.ROOT, format, "scenario", "rule", "kind", "windows", "max ids/win",
          "total ids"));
      out.append("| --- | --- | --- | --- | --- | --- |\n");
      for (ScenarioRule r : scenarioRules) {
        out.append(String.format(Locale.ROOT, format, r.scenario(), r.rule(), r.kind().name().toLowerCase(Locale.ROOT),
            r.windows(), r.maxIds(), r.totalIds()));
      }
      DayCount busiest = busiestEndpointDay();
      DayCount info = busiestInfoDay();
      out.append(String.format(Locale.ROOT, "windows with more than one FIRING id of a rule: %d%s%n",
          repeatedPages().size(), byRule(repeatedPages().stream().map(WindowIds::rule).toList())));
      out.append(String.format(Locale.ROOT, "flaps (FIRING < %d min after a RESOLVED of the same endpoint and rule): %d%s%n",
          FLAP_GAP.toMinutes(), flaps.size(), byRule(flaps.stream().map(Flap::rule).toList())));
      out.append(String.format(Locale.ROOT, "FIRING per endpoint-day: %d / (%d endpoints x %d days) = %.2f; max %s%n",
          firing, endpoints, days, firingPerEndpointDay(),
          busiest == null ? "0" : busiest.count() + " (" + busiest.endpointId() + " on " + busiest.day() + ")"));
      out.append(String.format(Locale.ROOT, "INFO FIRING per endpoint, rule and budget day: max %s; days above one: %d%n",
          info == null ? "0" : info.count() + " (" + info.endpointId() + " " + info.rule() + " on " + info.day() + ")",
          repeatedInfo().size()));
      out.append(String.format(Locale.ROOT, "FIRING with observed not beyond threshold: %d%s%n", violations.size(),
          byRule(violations.stream().map(v -> v.alert().getRule()).toList())));
      out.append(String.format(Locale.ROOT, "FIRING records repeating an id already FIRING: %d%n", repeatedFiring));
      return out.toString();
    }
  }

  private AlertNoise() {}

  /** " (RULE n, ...)" in rule order, or nothing for no rules. */
  static String byRule(List<AlertRule> rules) {
    if (rules.isEmpty()) {
      return "";
    }
    Map<AlertRule, Integer> counts = new TreeMap<>();
    rules.forEach(r -> counts.merge(r, 1, Integer::sum));
    StringBuilder out = new StringBuilder(" (");
    counts.forEach((rule, n) -> out.append(out.length() == 2 ? "" : ", ").append(rule).append(' ').append(n));
    return out.append(')').toString();
  }

  /**
   * Measures {@code alerts} (in the order emitted) against {@code truths}; {@code zones} gives an endpoint's
   * budget-day zone, {@code endpoints} and {@code days} the size of the run for FIRING per endpoint-day.
   */
  static Summary of(List<CostAlert> alerts, List<GroundTruth> truths, Duration slack,
      Function<String, ZoneId> zones, int endpoints, int days) {
    List<WindowIds> windows = idsPerWindow(alerts, truths, slack);
    List<DayCount> endpointDays = perDay(firing(alerts), zones, false);
    List<DayCount> infoDays = perDay(firing(alerts).stream().filter(a -> a.getSeverity() == Severity.INFO).toList(),
        zones, true);
    return new Summary(windows, perScenarioRule(windows), flaps(alerts, FLAP_GAP), firing(alerts).size(), endpoints,
        days, endpointDays, infoDays, violations(alerts), repeatedFiring(alerts));
  }

  /**
   * For each window, each rule the window's scenario expects or permits and each other rule that fired on
   * its endpoint inside it: the distinct FIRING ids.
   */
  static List<WindowIds> idsPerWindow(List<CostAlert> alerts, List<GroundTruth> truths, Duration slack) {
    List<WindowIds> out = new ArrayList<>();
    for (GroundTruth window : truths) {
      Map<AlertRule, Set<String>> ids = new TreeMap<>();
      for (AlertRule rule : window.expectedRules()) {
        ids.put(rule, new LinkedHashSet<>());
      }
      for (AlertRule rule : window.possibleRules()) {
        ids.put(rule, new LinkedHashSet<>());
      }
      for (CostAlert alert : alerts) {
        if (alert.getStatus() == AlertStatus.FIRING && alert.getEndpointId().equals(window.endpointId())
            && !alert.getDetectedAt().isBefore(window.start())
            && !alert.getDetectedAt().isAfter(window.end().plus(slack))) {
          ids.computeIfAbsent(alert.getRule(), r -> new LinkedHashSet<>()).add(alert.getAlertId());
        }
      }
      ids.forEach((rule, set) -> out.add(new WindowIds(window, rule, List.copyOf(set))));
    }
    return out;
  }

  /**
   * Rows per scenario and rule: every expected rule, and every possible or other rule that fired in one of
   * the scenario's windows.
   */
  static List<ScenarioRule> perScenarioRule(List<WindowIds> windows) {
    Map<Scenario, Map<AlertRule, List<WindowIds>>> grouped = new TreeMap<>();
    for (WindowIds w : windows) {
      grouped.computeIfAbsent(w.window().scenario(), s -> new TreeMap<>())
          .computeIfAbsent(w.rule(), r -> new ArrayList<>()).add(w);
    }
    Map<Scenario, Set<GroundTruth>> scenarioWindows = new TreeMap<>();
    for (WindowIds w : windows) {
      scenarioWindows.computeIfAbsent(w.window().scenario(), s -> new LinkedHashSet<>()).add(w.window());
    }
    List<ScenarioRule> rows = new ArrayList<>();
    grouped.forEach((scenario, byRule) -> {
      List<ScenarioRule> own = new ArrayList<>();
      int count = scenarioWindows.get(scenario).size();
      byRule.forEach((rule, list) -> {
        int max = list.stream().mapToInt(WindowIds::count).max().orElse(0);
        int total = list.stream().mapToInt(WindowIds::count).sum();
        Kind kind = Kind.of(scenario, rule);
        if (kind == Kind.EXPECTED || total > 0) {
          own.add(new ScenarioRule(scenario, rule, kind, count, max, total));
        }
      });
      own.sort(Comparator.comparing(ScenarioRule::kind).thenComparing(ScenarioRule::rule));
      rows.addAll(own);
    });
    return rows;
  }

  /** FIRINGs less than {@code gap} of event time after a RESOLVED of the same endpoint and rule. */
  static List<Flap> flaps(List<CostAlert> alerts, Duration gap) {
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    for (int i = 0; i < alerts.size(); i++) {
      CostAlert a = alerts.get(i);
      byKey.computeIfAbsent(a.getEndpointId() + "\u001f" + a.getRule(), k -> new ArrayList<>()).add(i);
    }
    List<Flap> out = new ArrayList<>();
    for (List<Integer> positions : byKey.values()) {
      for (int f : positions) {
        CostAlert firing = alerts.get(f);
        if (firing.getStatus() != AlertStatus.FIRING) {
          continue;
        }
        CostAlert latest = null;
        for (int r : positions) {
          CostAlert resolved = alerts.get(r);
          if (resolved.getStatus() != AlertStatus.RESOLVED || resolved.getDetectedAt().isAfter(firing.getDetectedAt())) {
            continue;
          }
          if (resolved.getAlertId().equals(firing.getAlertId()) && r > f) {
            continue; // the FIRING's own end, at the same instant
          }
          if (Duration.between(resolved.getDetectedAt(), firing.getDetectedAt()).compareTo(gap) >= 0) {
            continue;
          }
          if (latest == null || resolved.getDetectedAt().isAfter(latest.getDetectedAt())) {
            latest = resolved;
          }
        }
        if (latest != null) {
          out.add(new Flap(firing.getEndpointId(), firing.getRule(), latest.getAlertId(), latest.getDetectedAt(),
              firing.getAlertId(), firing.getDetectedAt()));
        }
      }
    }
    out.sort(Comparator.comparing(Flap::firingAt).thenComparing(Flap::endpointId).thenComparing(Flap::rule));
    return out;
  }

  /** FIRING records per endpoint (and rule, with {@code perRule}) and budget day, busiest first. */
  static List<DayCount> perDay(List<CostAlert> firing, Function<String, ZoneId> zones, boolean perRule) {
    Map<List<Object>, List<String>> counts = new LinkedHashMap<>();
    for (CostAlert a : firing) {
      LocalDate day = a.getDetectedAt().atZone(zones.apply(a.getEndpointId())).toLocalDate();
      List<Object> key = perRule ? List.of(a.getEndpointId(), a.getRule(), day) : List.of(a.getEndpointId(), day);
      counts.computeIfAbsent(key, k -> new ArrayList<>()).add(a.getAlertId());
    }
    List<DayCount> out = new ArrayList<>();
    counts.forEach((key, ids) -> out.add(perRule
        ? new DayCount((String) key.get(0), (AlertRule) key.get(1), (LocalDate) key.get(2), List.copyOf(ids))
        : new DayCount((String) key.get(0), null, (LocalDate) key.get(1), List.copyOf(ids))));
    out.sort(Comparator.comparingInt(DayCount::count).reversed().thenComparing(DayCount::endpointId)
        .thenComparing(DayCount::day));
    return out;
  }

  /** FIRINGs whose observed is not strictly beyond the threshold in the rule's direction. */
  static List<Violation> violations(List<CostAlert> alerts) {
    List<Violation> out = new ArrayList<>();
    for (CostAlert a : firing(alerts)) {
      boolean beyond = a.getRule() == AlertRule.LOW_UTILIZATION ? a.getObserved() < a.getThreshold()
          : a.getObserved() > a.getThreshold();
      if (!beyond) {
        out.add(new Violation(a));
      }
    }
    return out;
  }

  /** FIRING records of an id that is FIRING already (no RESOLVED of it since its last FIRING). */
  static int repeatedFiring(List<CostAlert> alerts) {
    Set<String> open = new LinkedHashSet<>();
    int repeated = 0;
    for (CostAlert a : alerts) {
      if (a.getStatus() == AlertStatus.FIRING) {
        if (!open.add(a.getAlertId())) {
          repeated++;
        }
      } else {
        open.remove(a.getAlertId());
      }
    }
    return repeated;
  }

  private static List<CostAlert> firing(List<CostAlert> alerts) {
    return alerts.stream().filter(a -> a.getStatus() == AlertStatus.FIRING).toList();
  }
}
