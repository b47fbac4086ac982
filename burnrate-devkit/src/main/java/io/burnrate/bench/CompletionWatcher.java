package io.burnrate.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells when a run is done, by asking the broker only: the application's consumer group has committed
 * the end offset of every input partition (so under either guarantee all output of every input record
 * is visible to a read_committed reader), and the outputs' read_committed end offsets have not moved
 * for a quiet period. Polled every {@value #POLL_MS} ms, which bounds the timing's resolution.
 */
final class CompletionWatcher {
  static final long POLL_MS = 100;

  /**
   * @param caughtUpNanos from start until the inputs were committed to their end
   * @param settledNanos from start until the outputs last moved (at least {@code caughtUpNanos})
   * @param cpuNanos process CPU time from start to the poll that saw the inputs committed
   * @param outputs read_committed records per output, by role
   */
  record Completion(long caughtUpNanos, long settledNanos, long cpuNanos, Map<String, Long> outputs) {}

  private final BenchCluster cluster;
  private final int partitions;

  CompletionWatcher(BenchCluster cluster, int partitions) {
    this.cluster = cluster;
    this.partitions = partitions;
  }

  /**
   * @param outputsByRole the run's output topics, keyed by their role (e.g. {@code cost.alerts})
   * @param failure a description of the application's failure, or null while it runs
   * @throws IllegalStateException when the application fails or the timeout passes, with the offsets seen
   */
  Completion await(String groupId, Map<TopicPartition, Long> inputEnds, Map<String, String> outputsByRole,
      long startNanos, long cpuAtStart, Duration quiet, Duration timeout, Supplier<String> failure,
      BenchProgress progress, long inputRecords) throws InterruptedException {
    long deadline = startNanos + timeout.toNanos();
    long caughtUpAt = -1;
    long cpuAtCaughtUp = -1;
    long lastChangeAt = startNanos;
    Map<String, Long> outputs = Map.of();
    Map<TopicPartition, Long> committed = Map.of();
    while (true) {
      String failed = failure.get();
      if (failed != null) {
        throw new IllegalStateException("application " + groupId + " failed during the run: " + failed);
      }
      long now = System.nanoTime();
      long cpu = ProcessProbe.cpuNanos();
      if (caughtUpAt < 0) {
        committed = cluster.committedOffsets(groupId);
        if (reachedEnd(committed, inputEnds)) {
          caughtUpAt = now;
          cpuAtCaughtUp = cpu;
        } else {
          progress.count(groupId + " committed input records", consumed(committed, inputEnds), inputRecords);
        }
      }
      Map<String, Long> seen = outputCounts(outputsByRole);
      if (!seen.equals(outputs)) {
        outputs = seen;
        lastChangeAt = now;
      }
      if (caughtUpAt >= 0 && now - Math.max(caughtUpAt, lastChangeAt) >= quiet.toNanos()) {
        return new Completion(caughtUpAt - startNanos, Math.max(caughtUpAt, lastChangeAt) - startNanos,
            cpuAtCaughtUp - cpuAtStart, outputs);
      }
      if (now > deadline) {
        throw new IllegalStateException("application " + groupId + " did not finish within " + timeout.toSeconds()
            + " s: committed " + consumed(committed, inputEnds) + " of " + inputRecords
            + " input records, outputs " + outputs);
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MS);
    }
  }

  static boolean reachedEnd(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (end.getValue() > 0 && committed.getOrDefault(end.getKey(), -1L) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  static long consumed(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {
    long sum = 0;
    for (TopicPartition partition : ends.keySet()) {
      sum += Math.min(ends.get(partition), Math.max(0, committed.getOrDefault(partition, 0L)));
    }
    return sum;
  }

  private Map<String, Long> outputCounts(Map<String, String> outputsByRole) {
    Map<TopicPartition, Long> ends = cluster.committedEndOffsets(outputsByRole.values(), partitions);
    Map<String, Long> counts = new LinkedHashMap<>();
    outputsByRole.forEach((role, topic) -> {
      long sum = 0;
      for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
        if (end.getKey().topic().equals(topic)) {
          sum += end.getValue();
        }
      }
      counts.put(role, sum);
    });
    return counts;
  }
}
