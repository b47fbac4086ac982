package io.burnrate.bench;

import io.burnrate.config.TopicNames;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Input written once and read by every run from offset 0.
 *
 * @param topics the prepared topics (the three event inputs and the endpoint configs)
 * @param eventEndOffsets end offset of every partition of the three event inputs
 * @param recordsPerRole event records per input, keyed by the contract's topic name (the role)
 * @param configRecords endpoint config records
 * @param firstEvent appearance time of the first event record
 * @param lastEvent appearance time of the last event record
 */
public record PreparedInput(
    TopicNames topics,
    int partitions,
    int endpoints,
    Map<TopicPartition, Long> eventEndOffsets,
    Map<String, Long> recordsPerRole,
    long configRecords,
    Instant firstEvent,
    Instant lastEvent) {

  public PreparedInput {
    eventEndOffsets = Map.copyOf(eventEndOffsets);
    recordsPerRole = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(recordsPerRole));
  }

  public long eventRecords() {
    return recordsPerRole.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The three event inputs with the contract name of each: the role each plays. */
  public Map<String, String> inputsByRole() {
    TopicNames d = TopicNames.DEFAULTS;
    Map<String, String> map = new java.util.LinkedHashMap<>();
    map.put(d.requests(), topics.requests());
    map.put(d.replicas(), topics.replicas());
    map.put(d.billing(), topics.billing());
    return map;
  }

  public List<String> eventTopics() {
    return topics.eventInputs();
  }

  public String simulatedSpan() {
    return firstEvent + " .. " + lastEvent;
  }
}
