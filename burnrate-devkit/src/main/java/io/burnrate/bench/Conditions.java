package io.burnrate.bench;

import java.util.List;
import java.util.Map;

/**
 * What a measurement ran under, printed in every report's header.
 *
 * @param brokerEmbedded the broker (and registry) ran inside the measuring JVM, so that CPU time and heap
 *     include theirs
 * @param recordsPerTopic input records per input topic role, in contract order
 * @param simulated the simulated span the input covers, as text
 */
public record Conditions(
    int cores,
    String kafkaVersion,
    String javaVersion,
    long maxHeapBytes,
    boolean brokerEmbedded,
    List<Guarantee> guarantees,
    long commitIntervalMs,
    long cacheMaxBytes,
    long maxTaskIdleMs,
    int streamThreads,
    int partitions,
    int endpoints,
    Map<String, Long> recordsPerTopic,
    long configRecords,
    String simulated,
    int repetitions) {

  public Conditions {
    guarantees = List.copyOf(guarantees);
    recordsPerTopic = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(recordsPerTopic));
  }

  public long inputRecords() {
    return recordsPerTopic.values().stream().mapToLong(Long::longValue).sum();
  }
}
