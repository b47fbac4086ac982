package io.burnrate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/** One row per fleet size: throughput, CPU, heap (peak and live) and state on disk, and how each grew. */
public final class ScaleReport {
  private final Conditions conditions;
  private final List<ScaleBench.Step> steps;

  public ScaleReport(Conditions conditions, List<ScaleBench.Step> steps) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a scale report needs at least one step");
    }
    this.conditions = conditions;
    this.steps = List.copyOf(steps);
  }

  public List<ScaleBench.Step> steps() {
    return steps;
  }

  /** Last step's live heap over the first's, minus one: 0.2 is 20 % more. */
  public double liveHeapGrowth() {
    return growth(steps.get(0).run().liveHeapBytes(), steps.get(steps.size() - 1).run().liveHeapBytes());
  }

  /** Last step's state on disk over the first's, minus one. */
  public double stateGrowth() {
    return growth(steps.get(0).run().stateBytes(), steps.get(steps.size() - 1).run().stateBytes());
  }

  private static double growth(long first, long last) {
    return first <= 0 ? Double.NaN : (double) last / first - 1;
  }

  public String text() {
    StringBuilder out = new StringBuilder();
    ReportText.header(out, "burnrate bench --scale: Burnrate at several fleet sizes, the same number of records",
        conditions);
    out.append("  note       the input line above is the first step's; each step's own split is in its row\n\n");
    out.append(String.format(Locale.ROOT, "%10s %11s %10s %9s %10s %10s %10s %10s %9s%n", "endpoints", "records",
        "records/s", "elapsed s", "CPU µs/rec", "peak MiB", "live MiB", "state MiB", "alerts"));
    for (ScaleBench.Step step : steps) {
      RunResult r = step.run();
      out.append(String.format(Locale.ROOT, "%10s %11s %10s %9.1f %10s %10.0f %10.1f %10.1f %9s%n",
          ReportText.count(step.input().endpoints()), ReportText.count(r.inputRecords()),
          ReportText.count(Math.round(r.recordsPerSecond())), r.elapsedMs() / 1000.0,
          ReportText.number(r.cpuMicrosPerRecord()), r.peakHeapBytes() / ReportText.MIB,
          r.liveHeapBytes() / ReportText.MIB, r.stateBytes() / ReportText.MIB,
          ReportText.count(r.outputs().getOrDefault("cost.alerts", 0L))));
    }
    if (steps.size() > 1) {
      out.append(String.format(Locale.ROOT, "%nfrom %s to %s endpoints: live heap %+.0f %%, state on disk %+.0f %%%n",
          ReportText.count(steps.get(0).input().endpoints()),
          ReportText.count(steps.get(steps.size() - 1).input().endpoints()), liveHeapGrowth() * 100,
          stateGrowth() * 100));
    }
    return out.toString();
  }

  public ObjectNode json(ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("mode", "scale");
    ReportText.conditionsJson(root.putObject("conditions"), conditions);
    var list = root.putArray("steps");
    for (ScaleBench.Step step : steps) {
      RunResult r = step.run();
      ObjectNode node = list.addObject();
      node.put("endpoints", step.input().endpoints());
      node.put("input_records", r.inputRecords());
      ObjectNode perTopic = node.putObject("records_per_topic");
      step.input().recordsPerRole().forEach(perTopic::put);
      node.put("simulated", step.input().simulatedSpan());
      node.put("records_per_second", r.recordsPerSecond());
      node.put("startup_ms", r.startupMs());
      node.put("elapsed_ms", r.elapsedMs());
      node.put("settled_ms", r.settledMs());
      node.put("cpu_micros_per_record", r.cpuMicrosPerRecord());
      node.put("peak_heap_bytes", r.peakHeapBytes());
      node.put("live_heap_bytes", r.liveHeapBytes());
      node.put("state_bytes", r.stateBytes());
      ObjectNode outputs = node.putObject("outputs");
      r.outputs().forEach(outputs::put);
    }
    root.put("live_heap_growth", liveHeapGrowth());
    root.put("state_growth", stateGrowth());
    return root;
  }
}
