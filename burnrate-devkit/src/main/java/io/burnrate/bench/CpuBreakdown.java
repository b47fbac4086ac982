package io.burnrate.bench;

import java.util.EnumMap;
import java.util.Map;

/**
 * A run's stack samples counted by {@link CpuStage}. Shares of the samples stand for shares of the
 * process's CPU time, so a stage's CPU per record is its share of the run's measured CPU per record.
 */
public record CpuBreakdown(Map<CpuStage, Long> samples) {
  public static final CpuBreakdown NONE = new CpuBreakdown(Map.of());

  public CpuBreakdown {
    EnumMap<CpuStage, Long> all = new EnumMap<>(CpuStage.class);
    for (CpuStage stage : CpuStage.values()) {
      all.put(stage, samples.getOrDefault(stage, 0L));
    }
    samples = Map.copyOf(all);
  }

  public long total() {
    return samples.values().stream().mapToLong(Long::longValue).sum();
  }

  public long samples(CpuStage stage) {
    return samples.get(stage);
  }

  /** The stage's share of all samples; 0 without samples. */
  public double share(CpuStage stage) {
    long total = total();
    return total == 0 ? 0 : (double) samples(stage) / total;
  }

  /** The stage's part of {@code cpuMicrosPerRecord}. */
  public double microsPerRecord(CpuStage stage, double cpuMicrosPerRecord) {
    return share(stage) * cpuMicrosPerRecord;
  }
}
