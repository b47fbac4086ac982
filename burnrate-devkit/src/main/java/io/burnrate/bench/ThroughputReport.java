package io.burnrate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The throughput runs side by side: per guarantee and application the min / median / max of each
 * metric, the ratio Burnrate / pass-through per repetition, and the price of exactly-once (its
 * records/s over at-least-once's).
 */
public final class ThroughputReport {

  /** A metric of a run, with its label and JSON name. */
  record Metric(String label, String json, ToDoubleFunction<RunResult> value) {}

  static final List<Metric> METRICS = List.of(
      new Metric("records/s", "records_per_second", RunResult::recordsPerSecond),
      new Metric("elapsed s", "elapsed_seconds", r -> r.elapsedMs() / 1000.0),
      new Metric("of which startup s", "startup_seconds", r -> r.startupMs() / 1000.0),
      new Metric("settled s", "settled_seconds", r -> r.settledMs() / 1000.0),
      new Metric("CPU µs/record", "cpu_micros_per_record", RunResult::cpuMicrosPerRecord),
      new Metric("peak heap MiB", "peak_heap_mib", r -> r.peakHeapBytes() / ReportText.MIB),
      new Metric("live heap MiB", "live_heap_mib", r -> r.liveHeapBytes() / ReportText.MIB),
      new Metric("state MiB", "state_mib", r -> r.stateBytes() / ReportText.MIB),
      new Metric("output records", "output_records", r -> r.outputRecords()));

  private final Conditions conditions;
  private final List<RunResult> runs;

  public ThroughputReport(Conditions conditions, List<RunResult> runs) {
    this.conditions = conditions;
    this.runs = List.copyOf(runs);
  }

  public Conditions conditions() {
    return conditions;
  }

  public List<RunResult> runs() {
    return runs;
  }

  public List<RunResult> runsOf(AppKind app, Guarantee guarantee) {
    return runs.stream().filter(r -> r.app() == app && r.guarantee() == guarantee).toList();
  }

  public Summary summary(AppKind app, Guarantee guarantee, ToDoubleFunction<RunResult> metric) {
    List<Double> values = new ArrayList<>();
    runsOf(app, guarantee).forEach(r -> values.add(metric.applyAsDouble(r)));
    return values.isEmpty() ? null : Summary.of(values);
  }

  /** Burnrate's records/s over the pass-through's, repetition by repetition; null without a pair. */
  public Summary ratio(Guarantee guarantee) {
    Map<Integer, RunResult> baseline = byRepetition(AppKind.BASELINE, guarantee);
    Map<Integer, RunResult> burnrate = byRepetition(AppKind.BURNRATE, guarantee);
    List<Double> ratios = new ArrayList<>();
    for (Map.Entry<Integer, RunResult> entry : burnrate.entrySet()) {
      RunResult base = baseline.get(entry.getKey());
      if (base != null) {
        ratios.add(entry.getValue().recordsPerSecond() / base.recordsPerSecond());
      }
    }
    return ratios.isEmpty() ? null : Summary.of(ratios);
  }

  /** Median records/s under exactly-once over the median under at-least-once; NaN unless both ran. */
  public double exactlyOnceRelative(AppKind app) {
    Summary eos = summary(app, Guarantee.EXACTLY_ONCE, RunResult::recordsPerSecond);
    Summary alos = summary(app, Guarantee.AT_LEAST_ONCE, RunResult::recordsPerSecond);
    return eos == null || alos == null ? Double.NaN : eos.median() / alos.median();
  }

  private Map<Integer, RunResult> byRepetition(AppKind app, Guarantee guarantee) {
    Map<Integer, RunResult> map = new LinkedHashMap<>();
    runsOf(app, guarantee).forEach(r -> map.put(r.repetition(), r));
    return map;
  }

  public String text() {
    StringBuilder out = new StringBuilder();
    ReportText.header(out, "burnrate bench: throughput, Burnrate against a pass-through Kafka Streams app", conditions);
    out.append(String.format(Locale.ROOT, "  runs       %d alternating repetitions (pass-through, Burnrate, ...) per guarantee,"
        + " each from offset 0 with a new application.id and empty state%n", conditions.repetitions()));
    out.append("  timing     from KafkaStreams.start() until the committed offsets reach the inputs' end (all output"
        + " visible to read_committed);\n             settled: until the outputs' read_committed end offsets last"
        + " moved; CPU: whole process\n");
    for (Guarantee guarantee : conditions.guarantees()) {
      out.append('\n').append(String.format(Locale.ROOT, "%-34s %12s %12s %12s%n", guarantee.setting(), "min",
          "median", "max"));
      for (Metric metric : METRICS) {
        for (AppKind app : AppKind.values()) {
          Summary s = summary(app, guarantee, metric.value());
          if (s != null) {
            row(out, app.label() + " " + metric.label(), s);
          }
        }
      }
      Summary ratio = ratio(guarantee);
      if (ratio != null) {
        row(out, "Burnrate / pass-through records/s", ratio);
      }
      cpuBreakdownText(out, guarantee);
    }
    if (conditions.guarantees().size() == 2) {
      out.append('\n').append("price of exactly-once (median records/s, exactly-once / at-least-once):");
      for (AppKind app : AppKind.values()) {
        out.append(String.format(Locale.ROOT, " %s %s", app.label(), ReportText.number(exactlyOnceRelative(app))));
      }
      out.append('\n');
    }
    out.append('\n').append(outputsLine());
    return out.toString();
  }

  /** Per stage, the median CPU per record of each app over its runs, with the stage's median share. */
  private void cpuBreakdownText(StringBuilder out, Guarantee guarantee) {
    out.append('\n').append(String.format(Locale.ROOT, "  %-32s %12s %12s   %s%n",
        "where the CPU goes, µs/record", AppKind.BASELINE.label(), AppKind.BURNRATE.label(), "(share of Burnrate's)"));
    for (CpuStage stage : CpuStage.values()) {
      Summary base = summary(AppKind.BASELINE, guarantee, r -> r.cpuMicrosPerRecord(stage));
      Summary burnrate = summary(AppKind.BURNRATE, guarantee, r -> r.cpuMicrosPerRecord(stage));
      Summary share = summary(AppKind.BURNRATE, guarantee, r -> r.cpu().share(stage));
      out.append(String.format(Locale.ROOT, "  %-32s %12s %12s   %s%n", "  " + stage.json(),
          base == null ? "-" : ReportText.number(base.median()), burnrate == null ? "-" : ReportText.number(burnrate.median()),
          share == null ? "" : String.format(Locale.ROOT, "%4.1f %%", 100 * share.median())));
    }
    out.append("  (median per stage over the runs, from JFR stack samples every 10 ms; a sample counts for the"
        + " innermost stage it is in)\n");
  }

  /** What the runs wrote, so that a reader sees the pipeline did its work (and the same work each time). */
  String outputsLine() {
    StringBuilder out = new StringBuilder("outputs per run:");
    for (AppKind app : AppKind.values()) {
      List<RunResult> of = runs.stream().filter(r -> r.app() == app).toList();
      if (of.isEmpty()) {
        continue;
      }
      out.append("\n  ").append(app.label()).append(':');
      for (String topic : new TreeSet<>(of.get(0).outputs().keySet())) {
        TreeSet<Long> distinct = new TreeSet<>();
        of.forEach(r -> distinct.add(r.outputs().getOrDefault(topic, 0L)));
        out.append(' ').append(topic).append(' ')
            .append(distinct.size() == 1 ? ReportText.count(distinct.first())
                : ReportText.count(distinct.first()) + ".." + ReportText.count(distinct.last()));
      }
    }
    return out.append('\n').toString();
  }

  private static void row(StringBuilder out, String label, Summary s) {
    out.append(String.format(Locale.ROOT, "  %-32s %12s %12s %12s%n", label, ReportText.number(s.min()),
        ReportText.number(s.median()), ReportText.number(s.max())));
  }

  public ObjectNode json(ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("mode", "throughput");
    ReportText.conditionsJson(root.putObject("conditions"), conditions);
    ArrayNode summaries = root.putArray("summary");
    for (Guarantee guarantee : conditions.guarantees()) {
      for (AppKind app : AppKind.values()) {
        if (runsOf(app, guarantee).isEmpty()) {
          continue;
        }
        ObjectNode node = summaries.addObject();
        node.put("app", app.tag());
        node.put("guarantee", guarantee.setting());
        for (Metric metric : METRICS) {
          summaryJson(node.putObject(metric.json()), summary(app, guarantee, metric.value()));
        }
        ObjectNode stages = node.putObject("cpu_micros_per_record_by_stage");
        for (CpuStage stage : CpuStage.values()) {
          summaryJson(stages.putObject(stage.json()), summary(app, guarantee, r -> r.cpuMicrosPerRecord(stage)));
        }
      }
      Summary ratio = ratio(guarantee);
      if (ratio != null) {
        ObjectNode node = root.withObject("/burnrate_over_baseline").putObject(guarantee.setting());
        summaryJson(node, ratio);
      }
    }
    if (conditions.guarantees().size() == 2) {
      ObjectNode price = root.putObject("exactly_once_over_at_least_once");
      for (AppKind app : AppKind.values()) {
        price.put(app.tag(), exactlyOnceRelative(app));
      }
    }
    ArrayNode list = root.putArray("runs");
    for (RunResult r : runs) {
      ObjectNode node = list.addObject();
      node.put("app", r.app().tag());
      node.put("guarantee", r.guarantee().setting());
      node.put("repetition", r.repetition());
      node.put("input_records", r.inputRecords());
      node.put("output_records", r.outputRecords());
      ObjectNode outputs = node.putObject("outputs");
      new TreeSet<>(r.outputs().keySet()).forEach(topic -> outputs.put(topic, r.outputs().get(topic)));
      node.put("startup_ms", r.startupMs());
      node.put("elapsed_ms", r.elapsedMs());
      node.put("settled_ms", r.settledMs());
      node.put("records_per_second", r.recordsPerSecond());
      node.put("cpu_nanos", r.cpuNanos());
      node.put("cpu_micros_per_record", r.cpuMicrosPerRecord());
      node.put("peak_heap_bytes", r.peakHeapBytes());
      node.put("live_heap_bytes", r.liveHeapBytes());
      node.put("state_bytes", r.stateBytes());
      ObjectNode breakdown = node.putObject("cpu_breakdown");
      breakdown.put("samples", r.cpu().total());
      for (CpuStage stage : CpuStage.values()) {
        ObjectNode part = breakdown.putObject(stage.json());
        part.put("samples", r.cpu().samples(stage));
        part.put("share", r.cpu().share(stage));
        part.put("micros_per_record", r.cpuMicrosPerRecord(stage));
      }
    }
    return root;
  }

  static void summaryJson(ObjectNode node, Summary s) {
    node.put("min", s.min());
    node.put("median", s.median());
    node.put("max", s.max());
    node.put("count", s.count());
  }
}
