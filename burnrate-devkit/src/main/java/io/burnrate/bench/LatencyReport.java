package io.burnrate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/** The live runs side by side: p50 / p95 / p99 / max from a breach's append to its output. */
public final class LatencyReport {
  private final Conditions conditions;
  private final LatencyBench.Load load;
  private final List<LatencyResult> results;

  public LatencyReport(Conditions conditions, LatencyBench.Load load, List<LatencyResult> results) {
    this.conditions = conditions;
    this.load = load;
    this.results = List.copyOf(results);
  }

  public List<LatencyResult> results() {
    return results;
  }

  public String text() {
    StringBuilder out = new StringBuilder();
    ReportText.header(out, "burnrate bench --latency: breach to output, live traffic", conditions);
    out.append(String.format(Locale.ROOT, "  load       %,d events/s for %d s over %,d endpoints, a runaway-scaling"
            + " breach every %d ms on an endpoint of its own; each app alone, first the pass-through%n",
        load.rate(), load.duration().toSeconds(), load.endpoints(), load.breachEvery().toMillis()));
    out.append(String.format(Locale.ROOT, "  warm-up    the same load for %d s before, not measured (start-up, first"
        + " transactions, JIT)%n", load.warmUp().toSeconds()));
    out.append("  measured   append: broker timestamps (LogAppendTime) of the breach and of its output (Burnrate: the"
        + " FIRING alert; pass-through: its copy);\n             visible: the breach's append until a read_committed"
        + " reader here received the output\n\n");
    out.append(String.format(Locale.ROOT, "%-34s %9s %9s %9s %9s %9s %9s%n", "ms", "p50", "p95", "p99", "max", "matched",
        "sent/s"));
    for (LatencyResult r : results) {
      row(out, r.app().label() + " append -> append", r.appendToAppend(), r);
      row(out, r.app().label() + " append -> visible", r.appendToVisible(), r);
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String label, Percentiles p, LatencyResult r) {
    out.append(String.format(Locale.ROOT, "  %-32s %9d %9d %9d %9d %9s %9s%n", label, p.p50(), p.p95(), p.p99(), p.max(),
        r.matched() + "/" + r.breachesSent(), ReportText.count(Math.round(r.achievedRate()))));
  }

  public ObjectNode json(ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("mode", "latency");
    ReportText.conditionsJson(root.putObject("conditions"), conditions);
    ObjectNode loadNode = root.putObject("load");
    loadNode.put("events_per_second", load.rate());
    loadNode.put("warm_up_seconds", load.warmUp().toSeconds());
    loadNode.put("duration_seconds", load.duration().toSeconds());
    loadNode.put("endpoints", load.endpoints());
    loadNode.put("breach_every_ms", load.breachEvery().toMillis());
    var list = root.putArray("apps");
    for (LatencyResult r : results) {
      ObjectNode node = list.addObject();
      node.put("app", r.app().tag());
      node.put("guarantee", r.guarantee().setting());
      node.put("events_sent", r.eventsSent());
      node.put("achieved_events_per_second", r.achievedRate());
      node.put("breaches_sent", r.breachesSent());
      node.put("matched", r.matched());
      percentiles(node.putObject("append_to_append_ms"), r.appendToAppend());
      percentiles(node.putObject("append_to_visible_ms"), r.appendToVisible());
    }
    return root;
  }

  private static void percentiles(ObjectNode node, Percentiles p) {
    node.put("count", p.count());
    node.put("p50", p.p50());
    node.put("p95", p.p95());
    node.put("p99", p.p99());
    node.put("max", p.max());
  }
}
