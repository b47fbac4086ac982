package io.burnrate.bench;

import java.util.Map;

/**
 * One measured run of one application over the prepared input.
 *
 * @param startupMs from {@code KafkaStreams.start()} until its first RUNNING state (part of {@code elapsedMs})
 * @param elapsedMs from {@code KafkaStreams.start()} until the application's committed offsets reached the
 *     end of every input partition: every output of every input record is then visible to a
 *     {@code read_committed} reader (under exactly-once they commit in the same transaction as the
 *     offsets; under at-least-once the producer is flushed before the offsets are committed)
 * @param settledMs until the outputs' {@code read_committed} end offsets last moved (later than
 *     {@code elapsedMs} only by output that no input record caused, such as metric updates paced by the
 *     wall clock)
 * @param outputs records per output topic, by the output's role (e.g. {@code cost.alerts})
 * @param cpuNanos process CPU time over {@code elapsedMs}
 * @param peakHeapBytes sum of the heap pools' peak usage over the run
 * @param liveHeapBytes heap in use after a full collection at the end of the run, the application still open
 * @param stateBytes bytes under the application's state directory at the end of the run
 * @param cpu where the CPU went over the run, from stack samples
 */
public record RunResult(
    AppKind app,
    Guarantee guarantee,
    int repetition,
    long inputRecords,
    Map<String, Long> outputs,
    long startupMs,
    long elapsedMs,
    long settledMs,
    long cpuNanos,
    long peakHeapBytes,
    long liveHeapBytes,
    long stateBytes,
    CpuBreakdown cpu) {

  public RunResult {
    outputs = Map.copyOf(outputs);
  }

  /** A stage's part of the CPU per record. */
  public double cpuMicrosPerRecord(CpuStage stage) {
    return cpu.microsPerRecord(stage, cpuMicrosPerRecord());
  }

  public long outputRecords() {
    return outputs.values().stream().mapToLong(Long::longValue).sum();
  }

  public double recordsPerSecond() {
    return inputRecords * 1000.0 / Math.max(1, elapsedMs);
  }

  public double cpuMicrosPerRecord() {
    return cpuNanos / 1000.0 / Math.max(1, inputRecords);
  }
}
