package io.burnrate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/** One row per input size: the state it left, and how long the restart after kill -9 restored it. */
public final class RecoveryReport {
  private final List<RecoveryBench.Step> steps;

  public RecoveryReport(List<RecoveryBench.Step> steps) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a recovery report needs at least one step");
    }
    this.steps = List.copyOf(steps);
  }

  public List<RecoveryBench.Step> steps() {
    return steps;
  }

  public String text() {
    StringBuilder out = new StringBuilder();
    out.append("burnrate bench --recovery: the restart after kill -9 (exactly-once: every store restored from its"
        + " changelog)\n\n");
    out.append(String.format(Locale.ROOT, "%12s %10s %16s %11s %11s %14s%n", "input recs", "state MiB",
        "restored recs", "assigned s", "restored s", "restored/s"));
    for (RecoveryBench.Step step : steps) {
      long restoring = Math.max(1, step.restoredMillis() - step.assignedMillis());
      out.append(String.format(Locale.ROOT, "%12s %10.1f %16s %11.1f %11.1f %14s%n",
          ReportText.count(step.inputRecords()), step.stateBytes() / ReportText.MIB,
          ReportText.count(step.restoredRecords()), step.assignedMillis() / 1000.0, step.restoredMillis() / 1000.0,
          ReportText.count(Math.round(step.restoredRecords() * 1000.0 / restoring))));
    }
    out.append("\nassigned: until the partitions came back (the group waits out the old member's session.timeout.ms);"
        + "\nrestored: until every store was rebuilt from its changelog; processing goes on from there\n");
    return out.toString();
  }

  public ObjectNode json(ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("mode", "recovery");
    var list = root.putArray("steps");
    for (RecoveryBench.Step step : steps) {
      ObjectNode node = list.addObject();
      node.put("input_records", step.inputRecords());
      node.put("state_bytes", step.stateBytes());
      node.put("restored_records", step.restoredRecords());
      node.put("assigned_ms", step.assignedMillis());
      node.put("restored_ms", step.restoredMillis());
    }
    return root;
  }
}
